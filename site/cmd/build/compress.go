package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// compressor makes gzip and brotli copies, keeping them in a cache folder
// keyed by the SHA-256 of the input: brotli at quality 11 takes about a
// minute on the 10 MB lesson module, which rarely changes between builds.
//
// Brotli comes from github.com/andybalholm/brotli, a pure-Go port of the
// reference encoder (same output sizes as the brotli command at the same
// quality and window), so the build needs no C tool and runs the same on
// every machine Go runs on.
type compressor struct {
	cache   string // folder, or "" for no cache
	quality int    // brotli quality
}

// gzip returns data compressed with gzip at the best compression level.
// The header carries no name and no time, so the output depends only on
// data.
func (c *compressor) gzip(data []byte) ([]byte, error) {
	return c.cached(data, "gz9", func() ([]byte, error) {
		var b bytes.Buffer
		zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	})
}

// brotli returns data compressed with brotli at the compressor's quality,
// with a 16 MiB window (lgwin 24).
func (c *compressor) brotli(data []byte) ([]byte, error) {
	return c.cached(data, fmt.Sprintf("br%d", c.quality), func() ([]byte, error) {
		var b bytes.Buffer
		bw := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: c.quality, LGWin: 24})
		if _, err := bw.Write(data); err != nil {
			return nil, err
		}
		if err := bw.Close(); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	})
}

func (c *compressor) cached(data []byte, kind string, make func() ([]byte, error)) ([]byte, error) {
	if c.cache == "" {
		return make()
	}
	sum := sha256.Sum256(data)
	file := filepath.Join(c.cache, hex.EncodeToString(sum[:])+"."+kind)
	if out, err := os.ReadFile(file); err == nil {
		return out, nil
	}
	out, err := make()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.cache, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(c.cache, "tmp-*")
	if err != nil {
		return nil, err
	}
	_, werr := tmp.Write(out)
	if werr == nil {
		werr = tmp.Chmod(0o644)
	}
	if err := tmp.Close(); werr != nil || err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cache %s: %v %v", file, werr, err)
	}
	return out, os.Rename(tmp.Name(), file)
}

// hexSum returns the hexadecimal SHA-256 of data.
func hexSum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Package server is nnstep's native web server: it serves a static site
// (the built dist/ folder, or site/web while developing) with the headers
// of the site's header table (see Policy), and mounts the lesson's API
// handler under /api/.
//
// Static files get their media type from an explicit table (wasm as
// application/wasm), a strong ETag and 304 answers to If-None-Match, the
// Cache-Control of their class (a year and immutable for content-hashed
// names, no-cache for the rest), and, when the client accepts it, the body
// of a precompressed sibling (name.br, name.gz) with Content-Encoding and
// Vary: Accept-Encoding. Methods other than GET and HEAD get 405 with
// Allow; unknown paths get the site's 404.html (or a built-in page) with
// status 404; no request reaches a file outside the served root.
package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// Policy is the header table; its zero value is the default policy.
	Policy Policy
	// API, when not nil, answers every request whose path is /api or starts
	// with /api/. It recovers from its own panics, as api.Handler does (the
	// Worker serves the same handler without this server).
	API http.Handler
	// Log, when not nil, receives one line per request that fails on the
	// server's side.
	Log *log.Logger
	// Timeouts bounds how long a client may hold a connection; its zero
	// value is DefaultTimeouts.
	Timeouts Timeouts
}

// Timeouts are the deadlines of the native server's connections.
type Timeouts struct {
	// ReadHeader bounds reading a request's header, Read the whole
	// request, body included (a body trickled in is cut off: the API
	// answers 400).
	ReadHeader, Read time.Duration
	// Write bounds writing a response, from the end of the request's
	// header; a response with a Content-Length gets Write more from its
	// header on, plus the time its body takes at MinRate bytes per second,
	// so large files reach slow clients while a client that stops reading
	// is cut off.
	Write   time.Duration
	MinRate int64
	// Idle bounds how long a keep-alive connection waits for its next
	// request.
	Idle time.Duration
}

// DefaultTimeouts are the deadlines of `make serve`.
var DefaultTimeouts = Timeouts{
	ReadHeader: 10 * time.Second,
	Read:       30 * time.Second,
	Write:      30 * time.Second,
	MinRate:    64 << 10,
	Idle:       60 * time.Second,
}

// MaxHeaderBytes bounds a request's header (Go's server answers 431 beyond).
const MaxHeaderBytes = 32 << 10

// Server serves a static site and its API. Create it with New or NewDir.
type Server struct {
	fsys     fs.FS
	policy   Policy
	api      http.Handler
	log      *log.Logger
	timeouts Timeouts

	mu   sync.Mutex
	tags map[tagKey]string
}

// tagKey identifies one version of one file for the ETag cache.
type tagKey struct {
	name    string
	size    int64
	modTime time.Time
}

// New returns a server for the site held by fsys.
func New(fsys fs.FS, opts Options) (*Server, error) {
	if err := opts.Policy.Validate(); err != nil {
		return nil, err
	}
	t := opts.Timeouts
	if t == (Timeouts{}) {
		t = DefaultTimeouts
	}
	s := &Server{fsys: fsys, policy: opts.Policy, log: opts.Log, timeouts: t, tags: map[tagKey]string{}}
	if opts.API != nil {
		s.api = opts.API
	}
	return s, nil
}

// NewDir returns a server for the site in the directory dir. Files are
// opened through an os.Root, so neither ".." nor a symbolic link leads
// outside dir.
func NewDir(dir string, opts Options) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return New(root.FS(), opts)
}

// HTTPServer returns the http.Server of s with its timeouts and
// MaxHeaderBytes, logging to logger (the standard logger when nil).
func (s *Server) HTTPServer(logger *log.Logger) *http.Server {
	t := s.timeouts
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          logger,
	}
}

// Allow is the Allow header value of static paths.
const Allow = "GET, HEAD"

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.timeouts.Write > 0 && s.timeouts.MinRate > 0 {
		w = &deadlineWriter{ResponseWriter: w, rc: http.NewResponseController(w), t: s.timeouts}
	}
	p := r.URL.Path
	if s.api != nil && (p == "/api" || strings.HasPrefix(p, "/api/")) {
		s.api.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.setHeaders(w.Header(), "")
		w.Header().Set("Allow", Allow)
		s.plain(w, r, http.StatusMethodNotAllowed, "405 method not allowed: use GET or HEAD\n")
		return
	}
	name, ok := cleanPath(p)
	if !ok {
		s.notFound(w, r)
		return
	}
	var info fs.FileInfo
	var err error
	if name == "" {
		name = "index.html"
		info, err = fs.Stat(s.fsys, name)
	} else if info, err = fs.Stat(s.fsys, name); err == nil && info.IsDir() {
		if !strings.HasSuffix(p, "/") {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			s.setHeaders(w.Header(), "")
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = fs.Stat(s.fsys, name)
	} else if err == nil && strings.HasSuffix(p, "/") {
		err = fs.ErrNotExist // a file asked for as a directory
	}
	if err != nil || info.IsDir() || !Served(name, s.exists) {
		s.notFound(w, r)
		return
	}
	s.serveFile(w, r, name)
}

// cleanPath turns a decoded URL path into a path inside the root, and
// reports false for anything that could name a file outside it or a file
// the site does not publish: a ".." or "." segment, a backslash, a NUL, or
// an empty segment (as in "//etc/passwd").
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimSuffix(p[1:], "/")
	if name == "" {
		return "", true
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

func (s *Server) exists(name string) bool {
	info, err := fs.Stat(s.fsys, name)
	return err == nil && !info.IsDir()
}

// serveFile sends the file name, or its best precompressed sibling the
// client accepts.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	h := w.Header()
	s.setHeaders(h, name)
	h.Set("Content-Type", ContentType(name))

	body, enc := name, ""
	has := make([]bool, len(encodings))
	varies := false
	for i, e := range encodings {
		has[i] = s.exists(name + e.ext)
		varies = varies || has[i]
	}
	if i := chooseEncoding(r.Header.Values("Accept-Encoding"), func(i int) bool { return has[i] }); i >= 0 {
		body, enc = name+encodings[i].ext, encodings[i].token
	}
	if varies {
		h.Set("Vary", "Accept-Encoding")
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
		// A byte range of an encoded body is rarely what a client wants;
		// send the whole representation.
		r.Header.Del("Range")
	}

	f, err := s.fsys.Open(body)
	if err != nil {
		s.fail(w, r, fmt.Errorf("open %s: %w", body, err))
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		s.fail(w, r, fmt.Errorf("stat %s: %w", body, err))
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			s.fail(w, r, fmt.Errorf("read %s: %w", body, err))
			return
		}
		rs = bytes.NewReader(data)
	}
	tag, err := s.etag(body, info, rs)
	if err != nil {
		s.fail(w, r, fmt.Errorf("hash %s: %w", body, err))
		return
	}
	h.Set("ETag", tag)
	// ServeContent answers If-None-Match with 304 (weak comparison), HEAD
	// without a body, and sets Content-Length.
	http.ServeContent(w, r, "", info.ModTime(), rs)
}

// etag returns the strong entity tag of the file name: the first 128 bits
// of the SHA-256 of its bytes, remembered per name, size and modification
// time.
func (s *Server) etag(name string, info fs.FileInfo, rs io.ReadSeeker) (string, error) {
	key := tagKey{name, info.Size(), info.ModTime()}
	s.mu.Lock()
	tag, ok := s.tags[key]
	s.mu.Unlock()
	if ok {
		return tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, rs); err != nil {
		return "", err
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag = `"` + hex.EncodeToString(sum.Sum(nil)[:16]) + `"`
	s.mu.Lock()
	s.tags[key] = tag
	s.mu.Unlock()
	return tag, nil
}

// setHeaders sets the policy's headers for name ("" for responses that are
// not a file: errors and redirects, which are never cached for long).
func (s *Server) setHeaders(h http.Header, name string) {
	for k, v := range s.policy.Headers(name) {
		h[k] = v
	}
}

// notFoundPage is sent with status 404 when the site has no 404.html.
const notFoundPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>404 · nnstep</title></head>
<body><h1>404: page not found</h1><p><a href="/">nnstep</a></p></body></html>
`

// notFound answers 404 with the site's 404.html, or a built-in page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.setHeaders(w.Header(), "")
	page, err := fs.ReadFile(s.fsys, "404.html")
	if err != nil {
		page = []byte(notFoundPage)
	}
	w.Header().Set("Content-Type", ContentType("404.html"))
	w.Header().Set("Content-Length", fmt.Sprint(len(page)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// plain answers with a short text body.
func (s *Server) plain(w http.ResponseWriter, r *http.Request, status int, msg string) {
	w.Header().Set("Content-Type", ContentType(".txt"))
	w.Header().Set("Content-Length", fmt.Sprint(len(msg)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.WriteString(w, msg)
	}
}

// fail answers 500 and logs err.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if s.log != nil {
		s.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	h := w.Header()
	for _, k := range []string{"ETag", "Content-Encoding", "Vary"} {
		h.Del(k)
	}
	h.Set("Cache-Control", "no-store")
	s.plain(w, r, http.StatusInternalServerError, "500 internal server error\n")
}

// deadlineWriter moves the write deadline when the response's header is
// written: Write from now, plus the time the declared Content-Length takes
// at MinRate (see Timeouts).
type deadlineWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	t       Timeouts
	started bool
}

func (d *deadlineWriter) start() {
	if d.started {
		return
	}
	d.started = true
	wait := d.t.Write
	if n, err := strconv.ParseInt(d.Header().Get("Content-Length"), 10, 64); err == nil && n > 0 {
		wait += time.Duration(n/d.t.MinRate+1) * time.Second
	}
	d.rc.SetWriteDeadline(time.Now().Add(wait)) // not supported by every ResponseWriter (httptest's); nothing to do then
}

func (d *deadlineWriter) WriteHeader(code int) {
	if code >= 200 {
		d.start()
	}
	d.ResponseWriter.WriteHeader(code)
}

func (d *deadlineWriter) Write(b []byte) (int, error) {
	d.start()
	return d.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

package robust

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"nnstep/site/api"
	"nnstep/site/server"
)

// listen starts the native server as `make serve` does (server.HTTPServer,
// with its timeouts and header limit) on a loopback port, with timeouts t,
// and returns its address.
func listen(t *testing.T, site fstest.MapFS, tm server.Timeouts) string {
	t.Helper()
	srv, err := server.New(site, server.Options{API: api.Handler(), Timeouts: tm})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer(nil)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// dial opens a raw connection to addr that fails the test past 10 s.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c
}

var short = server.Timeouts{ReadHeader: time.Second, Read: 300 * time.Millisecond, Write: time.Second, MinRate: 1 << 20, Idle: 300 * time.Millisecond}

// A body trickled in is cut off by the read deadline: the API answers 400
// at once instead of waiting for the rest.
func TestSlowBodyCutByReadDeadline(t *testing.T) {
	addr := listen(t, fstest.MapFS{}, short)
	c := dial(t, addr)
	start := time.Now()
	fmt.Fprintf(c, "POST /api/trace HTTP/1.1\r\nHost: nnstep\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"layers\"")
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	elapsed := time.Since(start)
	if res.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte("body: could not be read")) {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if elapsed < 250*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("answered after %v; the read deadline is %v", elapsed, short.Read)
	}
}

// A client that stops reading a response is cut off by the write deadline,
// while one that reads gets the whole file.
func TestSlowReaderCutByWriteDeadline(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 2<<20) // 32 MiB, more than loopback buffers hold
	tm := short
	tm.MinRate = 16 << 20 // 2 s for this file, on top of Write
	addr := listen(t, fstest.MapFS{"big.bin": {Data: big}}, tm)

	get := func() (net.Conn, *http.Response) {
		c := dial(t, addr)
		fmt.Fprintf(c, "GET /big.bin HTTP/1.1\r\nHost: nnstep\r\n\r\n")
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.ContentLength != int64(len(big)) {
			t.Fatalf("Content-Length %d", res.ContentLength)
		}
		return c, res
	}
	_, res := get()
	if n, err := io.Copy(io.Discard, res.Body); err != nil || n != int64(len(big)) {
		t.Fatalf("a reading client got %d of %d bytes: %v", n, len(big), err)
	}

	_, res = get()
	time.Sleep(5 * time.Second) // past Write + 2 s
	n, err := io.Copy(io.Discard, res.Body)
	if err == nil || n >= int64(len(big)) {
		t.Fatalf("a client that stopped reading for 5 s still got %d of %d bytes (err %v)", n, len(big), err)
	}
	t.Logf("cut off after %d of %d bytes: %v", n, len(big), err)
}

// A declared Content-Length over the limit gets 413 before 100 Continue; a
// small one gets 100 Continue (so the test can see the difference).
func Test413Before100Continue(t *testing.T) {
	addr := listen(t, fstest.MapFS{}, server.DefaultTimeouts)
	send := func(length int) (string, string) {
		c := dial(t, addr)
		fmt.Fprintf(c, "POST /api/trace HTTP/1.1\r\nHost: nnstep\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", length)
		r := bufio.NewReader(c)
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(line, " 100 ") {
			return line, ""
		}
		res, err := http.ReadResponse(bufio.NewReader(io.MultiReader(strings.NewReader(line), r)), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		return line, string(body)
	}
	line, body := send(2 << 20)
	if !strings.HasPrefix(line, "HTTP/1.1 413 ") || body != `{"error":"body: larger than 1048576 bytes (1 MiB)"}` {
		t.Errorf("2 MiB declared: %q %s", line, body)
	}
	if line, _ := send(100); !strings.HasPrefix(line, "HTTP/1.1 100 ") {
		t.Errorf("100 bytes declared: %q, want 100 Continue", line)
	}
}

// An idle keep-alive connection is closed after the idle timeout.
func TestIdleConnectionClosed(t *testing.T) {
	addr := listen(t, fstest.MapFS{"a.txt": {Data: []byte("a")}}, short)
	c := dial(t, addr)
	fmt.Fprintf(c, "GET /a.txt HTTP/1.1\r\nHost: nnstep\r\n\r\n")
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(res.Body)
	start := time.Now()
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection: %v, want EOF", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("closed after %v; the idle timeout is %v", d, short.Idle)
	}
}

// A header over MaxHeaderBytes gets 431.
func TestHeaderTooLarge(t *testing.T) {
	addr := listen(t, fstest.MapFS{}, short)
	c := dial(t, addr)
	fmt.Fprintf(c, "GET /api/dataset HTTP/1.1\r\nHost: nnstep\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 2*server.MaxHeaderBytes))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status %d, want 431", res.StatusCode)
	}
}

package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestRealServer serves Handler over HTTP and talks to it with a real
// client, so Content-Length, chunking and encodings work end to end.
func TestRealServer(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	client := srv.Client()

	body := exampleBody(t)
	resp, err := client.Post(srv.URL+TracePath, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	if resp.ContentLength != int64(len(got)) || resp.Header.Get("Content-Length") != strconv.Itoa(len(got)) {
		t.Errorf("Content-Length %d (%q), body %d bytes", resp.ContentLength, resp.Header.Get("Content-Length"), len(got))
	}
	if len(resp.TransferEncoding) != 0 {
		t.Errorf("Transfer-Encoding %v, want none", resp.TransferEncoding)
	}
	if want := runDirect(t, body); !bytes.Equal(got, want) {
		t.Error("body over HTTP differs from json.Marshal(trace.Run(...))")
	}

	// A body sent chunked, without Content-Length.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+TracePath, io.MultiReader(bytes.NewReader(body)))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("chunked request: status %d: %s", resp.StatusCode, got)
	}

	// Over the size limit: 413, and the server still answers in JSON.
	resp, err = client.Post(srv.URL+TracePath, "application/json", strings.NewReader(`{"x":"`+strings.Repeat("a", MaxBodyBytes)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var e errorBody
	if resp.StatusCode != http.StatusRequestEntityTooLarge || json.Unmarshal(got, &e) != nil || !strings.HasPrefix(e.Error, "body:") {
		t.Errorf("big body: status %d, body %.200s", resp.StatusCode, got)
	}

	// The dataset, and HEAD without a body.
	resp, err = client.Get(srv.URL + DatasetPath + "?name=gauss&classes=4&n=12")
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(got)) || resp.Header.Get("Cache-Control") != cacheable {
		t.Errorf("dataset: status %d, Content-Length %d for %d bytes, headers %v", resp.StatusCode, resp.ContentLength, len(got), resp.Header)
	}
	resp, err = client.Head(srv.URL + DatasetPath + "?name=gauss&classes=4&n=12")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("HEAD dataset: status %d, headers %v", resp.StatusCode, resp.Header)
	}
}

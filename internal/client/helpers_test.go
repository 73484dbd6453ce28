package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testSecret = "cs-super-secret-0123456789"
	testToken  = "tok-very-secret-abcdefghij"
	testUA     = "terraform-provider-isometric/9.9.9-test"
)

// captured is one request as the test server saw it.
type captured struct {
	Method   string
	Path     string // escaped path
	RawQuery string
	Header   http.Header
	Body     string
}

// recorder is an httptest server on 127.0.0.1 that records requests and answers with handler.
type recorder struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	reqs    []captured
	count   atomic.Int64
	handler func(w http.ResponseWriter, r *http.Request, n int) // n counts requests from 1
}

func newRecorder(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) *recorder {
	t.Helper()
	rec := &recorder{t: t, handler: handler}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	rec.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		n := int(rec.count.Add(1))
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, captured{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(b)})
		rec.mu.Unlock()
		if rec.handler == nil {
			writeJSON(w, map[string]any{})
			return
		}
		rec.handler(w, r, n)
	}))
	rec.srv.Listener.Close()
	rec.srv.Listener = ln
	rec.srv.Start()
	t.Cleanup(rec.srv.Close)
	return rec
}

// answering is a recorder that answers every request with status and body.
func answering(t *testing.T, status int, body string) *recorder {
	t.Helper()
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) { writeRaw(w, status, body) })
}

func (r *recorder) requests() []captured {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]captured(nil), r.reqs...)
}

func (r *recorder) last() captured {
	r.t.Helper()
	reqs := r.requests()
	if len(reqs) == 0 {
		r.t.Fatalf("no request recorded")
	}
	return reqs[len(reqs)-1]
}

// logSink collects logger entries.
type logSink struct {
	mu      sync.Mutex
	entries []RequestLog
}

func (l *logSink) log(_ context.Context, e RequestLog) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
}

func (l *logSink) all() []RequestLog {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]RequestLog(nil), l.entries...)
}

// Retry settings of the test clients: a few retries, waits of milliseconds.
const (
	testMaxRetries   = 3
	testRetryWaitMin = time.Millisecond
	testRetryWaitMax = 5 * time.Millisecond
)

// newTestClient returns a client against rec with tiny retry waits; mod may adjust its Config.
func newTestClient(t *testing.T, rec *recorder, mod func(*Config)) (*Client, *logSink) {
	t.Helper()
	sink := &logSink{}
	c := build(t, Config{
		BaseURL:      rec.srv.URL + "/registry/v0",
		ClientSecret: testSecret,
		AccessToken:  testToken,
		UserAgent:    testUA,
		MaxRetries:   testMaxRetries,
		RetryWaitMin: testRetryWaitMin,
		RetryWaitMax: testRetryWaitMax,
		Logger:       sink.log,
	}, mod, New)
	return c, sink
}

// newTestICR returns an ICR client against rec (under /icr) with tiny retry waits; mod may adjust
// its ICRConfig.
func newTestICR(t *testing.T, rec *recorder, mod func(*ICRConfig)) (*ICRClient, *logSink) {
	t.Helper()
	sink := &logSink{}
	c := build(t, ICRConfig{
		BaseURL:      rec.srv.URL + "/icr",
		AccessToken:  testToken,
		UserAgent:    testUA,
		MaxRetries:   testMaxRetries,
		RetryWaitMin: testRetryWaitMin,
		RetryWaitMax: testRetryWaitMax,
		Logger:       sink.log,
	}, mod, NewICR)
	return c, sink
}

// build applies mod (when not nil) to cfg and makes a client of it with newClient, failing the
// test on an error.
func build[C, K any](t *testing.T, cfg C, mod func(*C), newClient func(C) (K, error)) K {
	t.Helper()
	if mod != nil {
		mod(&cfg)
	}
	c, err := newClient(cfg)
	if err != nil {
		t.Fatalf("creating the client: %v", err)
	}
	return c
}

// writeJSON answers 200 with v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// dropConnection closes the client connection without answering.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Errorf("response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // RST
	}
	_ = conn.Close()
}

// assertNoSecrets fails when s contains a secret.
func assertNoSecrets(t *testing.T, what, s string) {
	t.Helper()
	for _, sec := range []string{testSecret, testToken} {
		if strings.Contains(s, sec) {
			t.Errorf("%s contains a secret: %q", what, s)
		}
	}
}

// assertNoTerraform fails when a client message names Terraform settings: the client speaks in
// API terms and the provider adds its own advice.
func assertNoTerraform(t *testing.T, s string) {
	t.Helper()
	for _, word := range []string{"ISOMETRIC_", "client_secret", "access_token", "icr block", "Terraform", "provider"} {
		if strings.Contains(s, word) {
			t.Errorf("message names %q: %q", word, s)
		}
	}
}

// assertLogsClean checks every log entry for secrets and query strings.
func assertLogsClean(t *testing.T, sink *logSink) {
	t.Helper()
	for _, e := range sink.all() {
		s := fmt.Sprintf("%+v %#v", e, e)
		if e.Err != nil {
			s += " " + e.Err.Error()
		}
		assertNoSecrets(t, "log entry", s)
		if strings.Contains(e.Path, "?") {
			t.Errorf("log path has a query: %q", e.Path)
		}
	}
}

func strp(s string) *string { return &s }

// orgJSON is a minimal Organisation.
func orgJSON(id string) map[string]any {
	return map[string]any{"id": id, "name": "Org " + id, "domain": nil}
}

func emptyPage() map[string]any {
	return map[string]any{
		"nodes":       []any{},
		"total_count": 0,
		"page_info":   map[string]any{"has_next_page": false, "has_previous_page": false, "start_cursor": nil, "end_cursor": nil},
	}
}

// universal answers every endpoint with a body that decodes into any response type.
func universal(w http.ResponseWriter, r *http.Request, n int) {
	writeRaw(w, 200, `{"id":"x","name":"n","nodes":[],"total_count":0,"page_info":{"has_next_page":false,"has_previous_page":false,"start_cursor":null,"end_cursor":null},"retirements":[],"retirement":{"id":"x"}}`)
}

// pagedServer serves total organisations in pages, honouring first/after.
func pagedServer(t *testing.T, total int) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		first, _ := strconv.Atoi(q.Get("first"))
		if first == 0 {
			first = 10
		}
		start := 0
		if a := q.Get("after"); a != "" {
			start, _ = strconv.Atoi(strings.TrimPrefix(a, "cur"))
		}
		end := start + first
		if end > total {
			end = total
		}
		nodes := []any{}
		for i := start; i < end; i++ {
			nodes = append(nodes, orgJSON(fmt.Sprintf("org_%03d", i)))
		}
		endCursor := fmt.Sprintf("cur%d", end)
		writeJSON(w, map[string]any{
			"nodes": nodes, "total_count": total,
			"page_info": map[string]any{"has_next_page": end < total, "has_previous_page": start > 0, "start_cursor": fmt.Sprintf("cur%d", start), "end_cursor": endCursor},
		})
	})
}

package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestGETRetriedAfter429WithRetryAfter(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			writeRaw(w, 429, `{"detail":"slow down"}`)
			return
		}
		writeJSON(w, orgJSON("org_1"))
	})
	c, sink := newTestClient(t, rec, nil)
	start := time.Now()
	org, err := c.CurrentOrganisation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if org.ID != "org_1" {
		t.Errorf("org = %+v", org)
	}
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured (retried after %v; RetryWaitMax is 5ms)", el)
	}
	if n := rec.count.Load(); n != 2 {
		t.Errorf("%d requests", n)
	}
	logs := sink.all()
	if len(logs) != 2 || logs[0].Attempt != 1 || logs[0].Status != 429 || !errors.Is(logs[0].Err, ErrRateLimited) ||
		logs[1].Attempt != 2 || logs[1].Status != 200 || logs[1].Err != nil || logs[1].Method != "GET" || logs[1].Path != "/registry/v0/organisation" {
		t.Errorf("logs = %+v", logs)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			writeRaw(w, 503, `{"detail":"maintenance"}`)
			return
		}
		writeJSON(w, orgJSON("org_1"))
	})
	c, _ := newTestClient(t, rec, nil)
	start := time.Now()
	if _, err := c.CurrentOrganisation(context.Background()); err != nil {
		t.Fatal(err)
	}
	// HTTP dates have a one-second resolution: at least ~1s must have passed.
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Errorf("HTTP-date Retry-After not honoured: %v", el)
	}
}

func TestGETRetriedAfter503AndGivesUp(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= 2 {
			writeRaw(w, 503, `{"detail":"unavailable"}`)
			return
		}
		writeJSON(w, orgJSON("org_1"))
	})
	c, sink := newTestClient(t, rec, nil)
	if _, err := c.GetOrganisation(context.Background(), "org_1"); err != nil {
		t.Fatal(err)
	}
	if n := rec.count.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if l := sink.all(); len(l) != 3 || l[2].Attempt != 3 {
		t.Errorf("logs = %+v", l)
	}

	// Always 500: MaxRetries+1 attempts, then ErrServer (not outcome unknown: GET).
	rec2 := answering(t, 500, `{"detail":"boom"}`)
	c2, _ := newTestClient(t, rec2, func(c *Config) { c.MaxRetries = 2 })
	_, err := c2.GetOrganisation(context.Background(), "org_1")
	if !errors.Is(err, ErrServer) || IsOutcomeUnknown(err) {
		t.Errorf("err = %v", err)
	}
	if n := rec2.count.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}

	// Retries disabled.
	rec3 := answering(t, 503, ``)
	c3, _ := newTestClient(t, rec3, func(c *Config) { c.MaxRetries = -1 })
	if _, err := c3.GetOrganisation(context.Background(), "org_1"); !errors.Is(err, ErrServer) {
		t.Errorf("err = %v", err)
	}
	if n := rec3.count.Load(); n != 1 {
		t.Errorf("%d requests with retries disabled", n)
	}
}

func TestGETRetriedAfterDroppedConnection(t *testing.T) {
	rec := newRecorder(t, nil)
	rec.handler = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			dropConnection(t, w)
			return
		}
		writeJSON(w, orgJSON("org_1"))
	}
	c, sink := newTestClient(t, rec, nil)
	org, err := c.GetOrganisation(context.Background(), "org_1")
	if err != nil {
		t.Fatal(err)
	}
	if org.ID != "org_1" || rec.count.Load() != 2 {
		t.Errorf("org=%+v count=%d", org, rec.count.Load())
	}
	l := sink.all()
	if len(l) != 2 || l[0].Err == nil || l[0].Status != 0 {
		t.Errorf("logs = %+v", l)
	}
	assertLogsClean(t, sink)
}

func TestGETRetriesBoundedByContext(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "30")
		writeRaw(w, 429, `{"detail":"later"}`)
	})
	c, _ := newTestClient(t, rec, func(c *Config) { c.MaxRetries = 10 })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.CurrentOrganisation(ctx)
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("err = %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("waited %v beyond the context deadline", el)
	}
	var ae *APIError
	if errors.As(err, &ae) && ae.RetryAfter != 30*time.Second {
		t.Errorf("RetryAfter = %v", ae.RetryAfter)
	}
}

func TestPOSTNotRetriedAfter5xx(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Retry-After", "0")
			writeRaw(w, status, `{"detail":"oops"}`)
		})
		c, sink := newTestClient(t, rec, nil)
		_, err := c.CreateRetirement(context.Background(), CreateRetirementByBatchRequest{SupplierID: "sup_1"})
		if n := rec.count.Load(); n != 1 {
			t.Errorf("%d: POST sent %d times", status, n)
		}
		var ou *OutcomeUnknownError
		if !errors.As(err, &ou) || ou.Method != "POST" || ou.Path != "/registry/v0/retirements" {
			t.Fatalf("%d: err = %T %v", status, err, err)
		}
		if !errors.Is(err, ErrServer) {
			t.Errorf("%d: cause not ErrServer: %v", status, err)
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != status {
			t.Errorf("%d: APIError not in chain", status)
		}
		assertNoSecrets(t, "error", err.Error())
		assertLogsClean(t, sink)
	}
}

func TestPOSTNotRetriedAfterTimeout(t *testing.T) {
	release := make(chan struct{})
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-release:
		case <-time.After(2 * time.Second):
		}
		writeJSON(w, map[string]any{"id": "trf_1"})
	})
	defer close(release)
	// Context deadline.
	c, sink := newTestClient(t, rec, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := c.CreateTransfer(ctx, CreateTransferRequest{})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("err = %T %v", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline not in chain: %v", err)
	}
	if n := rec.count.Load(); n != 1 {
		t.Errorf("POST sent %d times", n)
	}
	if l := sink.all(); len(l) != 1 {
		t.Errorf("%d log entries", len(l))
	}

	// http.Client timeout.
	c2, _ := newTestClient(t, rec, func(c *Config) { c.HTTPClient = &http.Client{Timeout: 150 * time.Millisecond} })
	_, err = c2.CreateTransfer(context.Background(), CreateTransferRequest{})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("client timeout: err = %T %v", err, err)
	}
	if n := rec.count.Load(); n != 2 {
		t.Errorf("POST sent %d times in total, want 2", n)
	}
}

func TestPOSTNotRetriedAfterConnectionDrop(t *testing.T) {
	rec := newRecorder(t, nil)
	rec.handler = func(w http.ResponseWriter, r *http.Request, n int) { dropConnection(t, w) }
	c, sink := newTestClient(t, rec, nil)
	_, err := c.CreateRetirementFromOldestCredits(context.Background(), CreateRetirementOldestCreditsRequest{CreditQuantityKg: 5})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("err = %T %v", err, err)
	}
	if n := rec.count.Load(); n != 1 {
		t.Errorf("POST reached the server %d times", n)
	}
	if l := sink.all(); len(l) != 1 || l[0].Err == nil {
		t.Errorf("logs = %+v", l)
	}
	assertNoSecrets(t, "error", err.Error())
	assertLogsClean(t, sink)

	// Body cut after a 200 header: also unknown.
	rec2 := newRecorder(t, nil)
	rec2.handler = func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"id":"ret_`))
		f, ok := w.(http.Flusher)
		if !ok {
			t.Errorf("response writer cannot flush")
			return
		}
		f.Flush()
		dropConnection(t, w)
	}
	c2, _ := newTestClient(t, rec2, nil)
	_, err = c2.CreateRetirement(context.Background(), CreateRetirementByBatchRequest{})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("cut body: err = %T %v", err, err)
	}
	if n := rec2.count.Load(); n != 1 {
		t.Errorf("cut body: POST sent %d times", n)
	}
}

func TestPOSTRetriedAfter429(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			writeRaw(w, 429, `{"detail":"rate limited"}`)
			return
		}
		writeJSON(w, map[string]any{"id": "ret_1", "credit_batch_size_total": map[string]any{"credit_kgs": 5, "credits": 0.005}})
	})
	c, sink := newTestClient(t, rec, nil)
	ret, err := c.CreateRetirement(context.Background(), CreateRetirementByBatchRequest{SupplierID: "sup_1"})
	if err != nil {
		t.Fatal(err)
	}
	if ret.ID != "ret_1" || ret.CreditBatchSizeTotal.CreditKgs != 5 {
		t.Errorf("ret = %+v", ret)
	}
	reqs := rec.requests()
	if len(reqs) != 2 || reqs[0].Body != reqs[1].Body || reqs[1].Body == "" {
		t.Errorf("retried body differs or missing: %+v", reqs)
	}
	if l := sink.all(); len(l) != 2 || l[0].Status != 429 || l[1].Attempt != 2 {
		t.Errorf("logs = %+v", l)
	}

	// Always 429: gives up with ErrRateLimited, which is a definite refusal.
	rec2 := answering(t, 429, `{}`)
	c2, _ := newTestClient(t, rec2, func(c *Config) { c.MaxRetries = 2 })
	_, err = c2.CreateRetirement(context.Background(), CreateRetirementByBatchRequest{})
	if !errors.Is(err, ErrRateLimited) || IsOutcomeUnknown(err) {
		t.Errorf("err = %v", err)
	}
	if n := rec2.count.Load(); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

func TestPOSTRetriedAfterDialError(t *testing.T) {
	// A port nobody listens on: connection refused, nothing sent.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		t.Fatalf("listener address %v is not TCP", ln.Addr())
	}
	port := addr.Port
	ln.Close()
	sink := &logSink{}
	c, err := New(Config{
		BaseURL: "http://127.0.0.1:" + strconv.Itoa(port) + "/registry/v0", ClientSecret: testSecret, AccessToken: testToken,
		MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond, Logger: sink.log,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTransfer(context.Background(), CreateTransferRequest{})
	if err == nil {
		t.Fatal("no error")
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("dial error marked outcome unknown: %v", err)
	}
	var re *RequestError
	if !errors.As(err, &re) {
		t.Errorf("err = %T %v", err, err)
	}
	if l := sink.all(); len(l) != 3 {
		t.Errorf("%d attempts, want 3 (dial errors may be retried)", len(l))
	}
	assertNoSecrets(t, "error", err.Error())
	assertLogsClean(t, sink)
}

func TestBackoffBounds(t *testing.T) {
	tr, err := newTransport(serviceIsometric, SandboxURL, Config{BaseURL: "http://x", RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 10; attempt++ {
		for i := 0; i < 20; i++ {
			d := tr.backoff(attempt)
			want := 100 * time.Millisecond << (attempt - 1)
			if want > time.Second || want <= 0 {
				want = time.Second
			}
			if d < want/2 || d > want {
				t.Errorf("attempt %d: backoff %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
	if tr.maxRetries != DefaultMaxRetries {
		t.Errorf("default MaxRetries = %d", tr.maxRetries)
	}
}

func TestLongRetryAfterNotWaited(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "3600")
		writeRaw(w, 429, `{}`)
	})
	c, _ := newTestClient(t, rec, nil)
	start := time.Now()
	_, err := c.ListProjects(context.Background(), nil)
	var ae *APIError
	if !errors.As(err, &ae) || !errors.Is(err, ErrRateLimited) || ae.RetryAfter != time.Hour {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > time.Second || rec.count.Load() != 1 {
		t.Errorf("waited %v, %d requests", time.Since(start), rec.count.Load())
	}
}

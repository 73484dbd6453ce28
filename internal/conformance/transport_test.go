package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"testing"
)

func readCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

// exchange is one HTTP attempt seen by the validating transport.
type exchange struct {
	OperationID  string
	Method, Path string
	Status       int   // 0 when the transport failed
	TransportErr error // the base transport's error (e.g. connection closed by a fault)
}

// recorder collects the exchanges seen by validating transports; safe for concurrent use.
type recorder struct {
	mu        sync.Mutex
	exchanges []exchange
}

func (r *recorder) add(e exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = append(r.exchanges, e)
}

func (r *recorder) all() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]exchange(nil), r.exchanges...)
}

// succeeded returns the distinct operationIds that got a 2xx answer at least once, sorted.
func (r *recorder) succeeded() []string {
	seen := map[string]bool{}
	for _, e := range r.all() {
		if e.Status >= 200 && e.Status < 300 {
			seen[e.OperationID] = true
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// validatingTransport validates every outgoing request (parameters, headers, security, body) and every
// answer (status, headers, body) against the spec, reports violations on t and records the exchange.
type validatingTransport struct {
	t    testing.TB
	spec *apiSpec
	base http.RoundTripper
	rec  *recorder
}

func (vt *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, fmt.Errorf("validating transport: reading request body: %w", err)
		}
		_ = req.Body.Close()
	}
	// Send a copy with a fresh body: a RoundTripper must not modify the caller's request.
	out := req.Clone(req.Context())
	out.Body = http.NoBody
	if body != nil {
		out.Body = readCloser(body)
		out.GetBody = func() (io.ReadCloser, error) { return readCloser(body), nil }
	}

	ex := exchange{Method: req.Method, Path: req.URL.Path}
	sr, err := vt.spec.validateRequest(out, body)
	if sr == nil {
		vt.t.Errorf("client request %s %s: %v", req.Method, req.URL.Path, err)
	} else {
		ex.OperationID = sr.operationID
		if err != nil {
			vt.t.Errorf("client request %s %s (%s) violates the spec: %v\nbody: %s", req.Method, req.URL.RequestURI(), sr.operationID, err, body)
		}
	}

	resp, err := vt.base.RoundTrip(out)
	if err != nil {
		ex.TransportErr = err
		vt.rec.add(ex)
		return nil, err
	}
	ex.Status = resp.StatusCode
	respBody, rerr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = readCloser(respBody)
	if rerr != nil {
		ex.TransportErr = rerr
		vt.rec.add(ex)
		return nil, rerr
	}
	if sr != nil {
		if verr := vt.spec.validateResponse(sr, resp.StatusCode, resp.Header, respBody); verr != nil {
			vt.t.Errorf("registry answer to %s %s violates the spec: %v\nbody: %s", req.Method, req.URL.RequestURI(), verr, respBody)
		}
	}
	vt.rec.add(ex)
	return resp, nil
}

// captureTB records Errorf calls instead of failing, to test the validating transport itself.
type captureTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (c *captureTB) Errorf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestValidatingTransportReportsViolations proves the transport reports bad requests and bad
// answers, passes the request body on intact and records every exchange.
func TestValidatingTransportReportsViolations(t *testing.T) {
	t.Parallel()
	spec := loadSpec(t)
	const org = `{"id":"org_1DEMOBUYER000001","name":"Buyer","domain":null}`
	cases := []struct {
		name       string
		method     string
		path       string
		secret     string
		body       string
		status     int
		answer     string
		wantErrors int
	}{
		{name: "conforming exchange", method: "GET", path: "/organisation", secret: "s", status: 200, answer: org},
		{name: "request without client secret", method: "GET", path: "/organisation", status: 200, answer: org, wantErrors: 1},
		{name: "answer missing a field", method: "GET", path: "/organisation", secret: "s", status: 200, answer: `{"id":"org_1DEMOBUYER000001"}`, wantErrors: 1},
		{name: "invalid body and invalid answer", method: "POST", path: "/beneficiary", secret: "s", body: `{"beneficiary_name":"x"}`, status: 200, answer: `{}`, wantErrors: 2},
		{name: "conforming POST", method: "POST", path: "/beneficiary", secret: "s", body: `{"beneficiary_name":"x","beneficiary_domain":"x.example"}`, status: 200, answer: org},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var sent string
			base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if r.Body != nil {
					b, _ := io.ReadAll(r.Body)
					sent = string(b)
				}
				h := http.Header{"Content-Type": {"application/json"}}
				return &http.Response{StatusCode: tc.status, Header: h, Body: readCloser([]byte(tc.answer)), Request: r}, nil
			})
			tb := &captureTB{TB: t}
			rec := &recorder{}
			hc := &http.Client{Transport: &validatingTransport{t: tb, spec: spec, base: base, rec: rec}}
			var rd io.Reader
			if tc.body != "" {
				rd = bytes.NewReader([]byte(tc.body))
			}
			req, _ := http.NewRequest(tc.method, "http://127.0.0.1:1/registry/v0"+tc.path, rd)
			req.Header.Set("Authorization", "Bearer t")
			req.Header.Set("Content-Type", "application/json")
			if tc.secret != "" {
				req.Header.Set("X-Client-Secret", tc.secret)
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			if string(got) != tc.answer {
				t.Errorf("caller got body %q, want %q", got, tc.answer)
			}
			if sent != tc.body {
				t.Errorf("server got body %q, want %q", sent, tc.body)
			}
			if len(tb.errs) != tc.wantErrors {
				t.Errorf("transport reported %d violations, want %d: %q", len(tb.errs), tc.wantErrors, tb.errs)
			}
			if ex := rec.all(); len(ex) != 1 || ex[0].OperationID == "" || ex[0].Status != tc.status {
				t.Errorf("recorded %+v, want one exchange with its operation and status", ex)
			}
		})
	}
}

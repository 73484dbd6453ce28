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

// operations returns the distinct operationIds exercised, sorted.
func (r *recorder) operations() []string {
	seen := map[string]bool{}
	for _, e := range r.all() {
		seen[e.OperationID] = true
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

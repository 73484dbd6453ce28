package localregistry

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The test hooks in process: the request log, injected faults, and read-only views of the state.
// hooks_http.go serves the same over HTTP.

type hooks struct {
	mu       sync.Mutex
	requests []RecordedRequest
	faults   []*activeFault
	late     sync.WaitGroup // requests under a CommitAfter fault not yet handled
}

// ---- request log ----

// RecordedRequest is one request to the API or ICR endpoints (test hooks are not recorded).
type RecordedRequest struct {
	Method string    `json:"method"`
	Path   string    `json:"path"`  // full URL path, e.g. "/registry/v0/retirements"
	Query  string    `json:"query"` // raw query string
	Status int       `json:"status"`
	Body   string    `json:"body"` // request body
	Time   time.Time `json:"time"`
	// Fault names the fault applied, if any: "latency", "status", "status_after_commit", "drop_after_commit",
	// "commit_after". Status is then the status sent (status/status_after_commit) or the committed
	// handler status (drop_after_commit; commit_after unless combined with status_after_commit).
	Fault string `json:"fault,omitempty"`
}

// Requests returns a copy of the request log, oldest first.
func (r *Registry) Requests() []RecordedRequest {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	return append([]RecordedRequest{}, r.hooks.requests...)
}

// ResetRequests empties the request log.
func (r *Registry) ResetRequests() {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	r.hooks.requests = nil
}

// CountRequests counts logged requests with that method and path ("" = any method / any path).
func (r *Registry) CountRequests(method, path string) int {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	n := 0
	for _, q := range r.hooks.requests {
		if (method == "" || q.Method == method) && (path == "" || q.Path == path) {
			n++
		}
	}
	return n
}

// maxLoggedRequests bounds the request log of a long-running registry (oldest entries are dropped).
const maxLoggedRequests = 100000

func (r *Registry) record(q RecordedRequest) {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	if len(r.hooks.requests) >= maxLoggedRequests {
		r.hooks.requests = append(r.hooks.requests[:0:0], r.hooks.requests[len(r.hooks.requests)-maxLoggedRequests/2:]...)
	}
	r.hooks.requests = append(r.hooks.requests, q)
}

// ---- faults ----

// Fault makes matching requests misbehave (README.md, "Test hooks").
type Fault struct {
	Method, Path      string        // full URL path, exact match ("" matches any)
	Latency           time.Duration // sleep before handling
	Status            int           // answer this status instead of handling (429 or 5xx; nothing committed)
	RetryAfterSeconds int           // with Status 429: Retry-After header
	StatusAfterCommit int           // handle + commit the request, then answer this status (5xx) instead of the result
	DropAfterCommit   bool          // handle + commit, then close the connection without answering
	// CommitAfter handles the request in the background at request time + CommitAfter, whether
	// or not the client is still connected (the commit is logged then); the client is held until
	// then and answered if still there. It replaces Latency and Status (both ignored with it) and
	// combines with StatusAfterCommit and DropAfterCommit, which then shape the late answer.
	CommitAfter time.Duration
	Times       int // how many matching requests it applies to (0 = every one)
}

type activeFault struct {
	f    Fault
	used int
}

// AddFault adds a fault. The first matching fault (in the order added) with uses left applies.
func (r *Registry) AddFault(f Fault) {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	r.hooks.faults = append(r.hooks.faults, &activeFault{f: f})
}

// ClearFaults removes every fault.
func (r *Registry) ClearFaults() {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	r.hooks.faults = nil
}

func (r *Registry) takeFault(method, path string) *Fault {
	r.hooks.mu.Lock()
	defer r.hooks.mu.Unlock()
	for i, a := range r.hooks.faults {
		if (a.f.Method != "" && a.f.Method != method) || (a.f.Path != "" && a.f.Path != path) {
			continue
		}
		a.used++
		f := a.f
		if f.Times > 0 && a.used >= f.Times {
			r.hooks.faults = append(r.hooks.faults[:i:i], r.hooks.faults[i+1:]...)
		}
		return &f
	}
	return nil
}

// bufWriter captures a handler's answer.
type bufWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufWriter) Header() http.Header { return b.header }
func (b *bufWriter) WriteHeader(s int) {
	if b.status == 0 {
		b.status = s
	}
}
func (b *bufWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// serveRecorded applies faults, runs the handler, and logs the request. The log entry is written
// before the answer goes out, so a client that got its answer always finds its request in the log.
func (r *Registry) serveRecorded(w http.ResponseWriter, req *http.Request, h http.Handler) {
	start := time.Now()
	body, _ := io.ReadAll(io.LimitReader(req.Body, 10<<20))
	req.Body.Close()
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := RecordedRequest{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Body: string(body), Time: r.now().UTC()}

	f := r.takeFault(req.Method, req.URL.Path)
	if f != nil && f.CommitAfter > 0 {
		r.serveLate(w, req, h, rec, f, start.Add(f.CommitAfter))
		return
	}
	if f != nil && f.Latency > 0 {
		rec.Fault = "latency"
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-req.Context().Done():
			t.Stop()
			r.record(rec) // status 0: the client went away
			return
		}
	}
	if f != nil && f.Status != 0 {
		rec.Fault = "status"
		rec.Status = f.Status
		r.record(rec)
		hdr := map[string]string{}
		if f.RetryAfterSeconds > 0 {
			hdr["Retry-After"] = strconv.Itoa(f.RetryAfterSeconds)
		}
		writeJSON(w, f.Status, detailBody{Detail: fmt.Sprintf("Injected fault: %d %s", f.Status, http.StatusText(f.Status))}, hdr)
		return
	}
	bw := r.handleAndRecord(h, req, rec, f)
	answer(w, bw, f)
}

// serveLate serves a request under a CommitAfter fault: the handler runs in the background at the
// time at, whether or not the client is still connected, and its answer is logged then; the client
// is held until that time and then answered, if it is still there.
func (r *Registry) serveLate(w http.ResponseWriter, req *http.Request, h http.Handler, rec RecordedRequest, f *Fault, at time.Time) {
	rec.Fault = "commit_after"
	bg := req.Clone(context.WithoutCancel(req.Context()))
	bg.Body = io.NopCloser(strings.NewReader(rec.Body))
	done := make(chan *bufWriter, 1)
	r.hooks.late.Add(1)
	go func() {
		defer r.hooks.late.Done()
		t := time.NewTimer(time.Until(at))
		defer t.Stop()
		<-t.C
		done <- r.handleAndRecord(h, bg, rec, f)
	}()
	select {
	case bw := <-done:
		answer(w, bw, f)
	case <-req.Context().Done():
	}
}

// handleAndRecord runs the handler and logs the request with the status the client is to get
// under the fault f (nil: none): the handler's, or StatusAfterCommit. A fault that commits names
// itself in the entry unless it is already named (commit_after).
func (r *Registry) handleAndRecord(h http.Handler, req *http.Request, rec RecordedRequest, f *Fault) *bufWriter {
	bw := &bufWriter{header: http.Header{}}
	h.ServeHTTP(bw, req)
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	rec.Status = bw.status
	switch {
	case f == nil:
	case f.DropAfterCommit:
		if rec.Fault == "" {
			rec.Fault = "drop_after_commit"
		}
	case f.StatusAfterCommit != 0:
		if rec.Fault == "" {
			rec.Fault = "status_after_commit"
		}
		rec.Status = f.StatusAfterCommit
	}
	r.record(rec)
	return bw
}

// answer sends the handler's captured answer bw, or what the fault f makes of it: the connection
// closed without an answer (DropAfterCommit), or the StatusAfterCommit status.
func answer(w http.ResponseWriter, bw *bufWriter, f *Fault) {
	switch {
	case f != nil && f.DropAfterCommit:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case f != nil && f.StatusAfterCommit != 0:
		writeJSON(w, f.StatusAfterCommit, detailBody{Detail: fmt.Sprintf("Injected fault after commit: %d %s", f.StatusAfterCommit, http.StatusText(f.StatusAfterCommit))}, nil)
	default:
		for k, v := range bw.header {
			w.Header()[k] = v
		}
		w.WriteHeader(bw.status)
		_, _ = w.Write(bw.body.Bytes())
	}
}

// ---- read-only views of the state, for assertions ----

// CreditBatch returns a copy of a batch in the spec's shape.
func (r *Registry) CreditBatch(id string) (client.CreditBatch, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	b := r.batches[id]
	if b == nil {
		return client.CreditBatch{}, false
	}
	return r.batchView(b), true
}

// CreditBalance returns an organisation's balance as GET /organisations/{id}/credit_balance shows it.
func (r *Registry) CreditBalance(orgID string) client.OrganisationCreditBalance {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.balance(orgID)
}

// Order returns a copy of an order in the spec's shape.
func (r *Registry) Order(id string) (client.Order, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	o := r.orders[id]
	if o == nil {
		return client.Order{}, false
	}
	return r.orderView(o), true
}

// AllRetirements returns every retirement, oldest first (creation order).
func (r *Registry) AllRetirements() []client.Retirement {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return views(r.st.Retirements, r.retirementView)
}

// AllTransfers returns every transfer, oldest first (creation order).
func (r *Registry) AllTransfers() []client.Transfer {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return views(r.st.Transfers, r.transferView)
}

// AllDeliveries returns every delivery, oldest first (creation order).
func (r *Registry) AllDeliveries() []client.Delivery {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return views(r.st.Deliveries, r.deliveryView)
}

// AllBeneficiaries returns the beneficiaries of an organisation, in the order they were added.
func (r *Registry) AllBeneficiaries(orgID string) []client.Organisation {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var ids []string
	if o := r.orgs[orgID]; o != nil {
		ids = o.Beneficiaries
	}
	return views(ids, r.orgView)
}

package localregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RecordedRequest is one request to the API or ICR endpoints (test hooks are not recorded).
type RecordedRequest struct {
	Method string    `json:"method"`
	Path   string    `json:"path"`  // full URL path, e.g. "/registry/v0/retirements"
	Query  string    `json:"query"` // raw query string
	Status int       `json:"status"`
	Body   string    `json:"body"` // request body
	Time   time.Time `json:"time"`
	// Fault names the fault applied, if any: "latency", "status", "status_after_commit", "drop_after_commit".
	// Status is then the status sent (status/status_after_commit) or the committed handler status (drop_after_commit).
	Fault string `json:"fault,omitempty"`
}

// Fault makes matching requests misbehave. See DESIGN.md.
type Fault struct {
	Method, Path      string        // full URL path, exact match ("" matches any)
	Latency           time.Duration // sleep before handling
	Status            int           // answer this status instead of handling (429 or 5xx; nothing committed)
	RetryAfterSeconds int           // with Status 429: Retry-After header
	StatusAfterCommit int           // handle + commit the request, then answer this status (5xx) instead of the result
	DropAfterCommit   bool          // handle + commit, then close the connection without answering
	Times             int           // how many matching requests it applies to (0 = every one)
}

// faultJSON is the wire form of a Fault (latency as a Go duration string).
type faultJSON struct {
	Method            string `json:"method"`
	Path              string `json:"path"`
	Latency           string `json:"latency,omitempty"`
	Status            int    `json:"status,omitempty"`
	RetryAfterSeconds int    `json:"retry_after_seconds,omitempty"`
	StatusAfterCommit int    `json:"status_after_commit,omitempty"`
	DropAfterCommit   bool   `json:"drop_after_commit,omitempty"`
	Times             int    `json:"times,omitempty"`
}

type activeFault struct {
	f    Fault
	used int
}

type hooks struct {
	mu       sync.Mutex
	requests []RecordedRequest
	faults   []*activeFault
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
	body, _ := io.ReadAll(io.LimitReader(req.Body, 10<<20))
	req.Body.Close()
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := RecordedRequest{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Body: string(body), Time: r.now().UTC()}

	f := r.takeFault(req.Method, req.URL.Path)
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
		writeJSON(w, f.Status, map[string]any{"detail": fmt.Sprintf("Injected fault: %d %s", f.Status, http.StatusText(f.Status))}, hdr)
		return
	}
	bw := &bufWriter{header: http.Header{}}
	h.ServeHTTP(bw, req)
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	rec.Status = bw.status
	if f != nil && f.DropAfterCommit {
		rec.Fault = "drop_after_commit"
		r.record(rec)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if f != nil && f.StatusAfterCommit != 0 {
		rec.Fault = "status_after_commit"
		rec.Status = f.StatusAfterCommit
		r.record(rec)
		writeJSON(w, f.StatusAfterCommit, map[string]any{"detail": fmt.Sprintf("Injected fault after commit: %d %s", f.StatusAfterCommit, http.StatusText(f.StatusAfterCommit))}, nil)
		return
	}
	r.record(rec)
	for k, v := range bw.header {
		w.Header()[k] = v
	}
	w.WriteHeader(bw.status)
	_, _ = w.Write(bw.body.Bytes())
}

// ---- the same hooks over HTTP ----

func (r *Registry) hookRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+HooksPrefix+"/requests", func(w http.ResponseWriter, req *http.Request) {
		reqs := r.Requests()
		if m := req.URL.Query().Get("method"); m != "" {
			reqs = filterReqs(reqs, func(q RecordedRequest) bool { return q.Method == m })
		}
		if p := req.URL.Query().Get("path"); p != "" {
			reqs = filterReqs(reqs, func(q RecordedRequest) bool { return q.Path == p })
		}
		writeJSON(w, http.StatusOK, map[string]any{"requests": reqs, "count": len(reqs)}, nil)
	})
	mux.HandleFunc("DELETE "+HooksPrefix+"/requests", func(w http.ResponseWriter, req *http.Request) {
		r.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST "+HooksPrefix+"/faults", func(w http.ResponseWriter, req *http.Request) {
		f, err := parseFaultJSON(req.Body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"detail": "invalid fault: " + err.Error()}, nil)
			return
		}
		fj := faultToJSON(f)
		r.AddFault(f)
		writeJSON(w, http.StatusOK, fj, nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/faults", func(w http.ResponseWriter, req *http.Request) {
		r.hooks.mu.Lock()
		out := []faultJSON{}
		for _, a := range r.hooks.faults {
			out = append(out, faultToJSON(a.f))
		}
		r.hooks.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"faults": out}, nil)
	})
	mux.HandleFunc("DELETE "+HooksPrefix+"/faults", func(w http.ResponseWriter, req *http.Request) {
		r.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/state", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.Snapshot(), nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/credit_batches/{id}", func(w http.ResponseWriter, req *http.Request) {
		b, ok := r.CreditBatch(req.PathValue("id"))
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Credit batch " + req.PathValue("id") + " not found"}, nil)
			return
		}
		writeJSON(w, http.StatusOK, b, nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/retirements", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.AllRetirements(), nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/transfers", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.AllTransfers(), nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/deliveries", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.AllDeliveries(), nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/beneficiaries/{org}", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.AllBeneficiaries(req.PathValue("org")), nil)
	})
	mux.HandleFunc("GET "+HooksPrefix+"/balances/{org}", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, r.CreditBalance(req.PathValue("org")), nil)
	})
	mux.HandleFunc(HooksPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not Found"}, nil)
	})
}

func filterReqs(in []RecordedRequest, keep func(RecordedRequest) bool) []RecordedRequest {
	out := []RecordedRequest{}
	for _, q := range in {
		if keep(q) {
			out = append(out, q)
		}
	}
	return out
}

func faultToJSON(f Fault) faultJSON {
	fj := faultJSON{Method: f.Method, Path: f.Path, Status: f.Status, RetryAfterSeconds: f.RetryAfterSeconds,
		StatusAfterCommit: f.StatusAfterCommit, DropAfterCommit: f.DropAfterCommit, Times: f.Times}
	if f.Latency > 0 {
		fj.Latency = f.Latency.String()
	}
	return fj
}

// parseFaultJSON accepts snake_case ("status_after_commit") and Go field names ("StatusAfterCommit");
// latency is a Go duration string ("2s") or a number of nanoseconds.
func parseFaultJSON(rd io.Reader) (Fault, error) {
	var f Fault
	var m map[string]any
	dec := json.NewDecoder(rd)
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return f, err
	}
	num := func(k string, x any) (int, error) {
		n, ok := x.(json.Number)
		if !ok {
			return 0, fmt.Errorf("%s: want a number", k)
		}
		i, err := strconv.Atoi(n.String())
		if err != nil {
			return 0, fmt.Errorf("%s: want an integer", k)
		}
		return i, nil
	}
	for k, x := range m {
		var err error
		switch strings.ReplaceAll(strings.ToLower(k), "_", "") {
		case "method":
			f.Method, _ = x.(string)
		case "path":
			f.Path, _ = x.(string)
		case "latency":
			switch v := x.(type) {
			case string:
				f.Latency, err = time.ParseDuration(v)
			case json.Number:
				var n int64
				n, err = v.Int64()
				f.Latency = time.Duration(n)
			default:
				err = fmt.Errorf("latency: want a duration string like \"2s\"")
			}
		case "status":
			f.Status, err = num(k, x)
		case "retryafterseconds", "retryafter":
			f.RetryAfterSeconds, err = num(k, x)
		case "statusaftercommit":
			f.StatusAfterCommit, err = num(k, x)
		case "dropaftercommit":
			b, ok := x.(bool)
			if !ok {
				err = fmt.Errorf("%s: want a boolean", k)
			}
			f.DropAfterCommit = b
		case "times":
			f.Times, err = num(k, x)
		default:
			err = fmt.Errorf("unknown field %q", k)
		}
		if err != nil {
			return f, err
		}
	}
	return f, nil
}

package localregistry

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The test hooks over HTTP, under /_localregistry (registered in handler.go). They are neither
// logged nor subject to faults, and answer without authentication.

func (r *Registry) hookListRequests(w http.ResponseWriter, req *http.Request) {
	reqs := r.Requests()
	if m := req.URL.Query().Get("method"); m != "" {
		reqs = filter(reqs, func(q RecordedRequest) bool { return q.Method == m })
	}
	if p := req.URL.Query().Get("path"); p != "" {
		reqs = filter(reqs, func(q RecordedRequest) bool { return q.Path == p })
	}
	writeJSON(w, http.StatusOK, requestLogBody{Count: len(reqs), Requests: reqs}, nil)
}

// requestLogBody is the answer of GET /_localregistry/requests.
type requestLogBody struct {
	Count    int               `json:"count"`
	Requests []RecordedRequest `json:"requests"`
}

func (r *Registry) hookResetRequests(w http.ResponseWriter, _ *http.Request) {
	r.ResetRequests()
	hookDone(w, nil)
}

func (r *Registry) hookListFaults(w http.ResponseWriter, _ *http.Request) {
	r.hooks.mu.Lock()
	out := []faultJSON{}
	for _, a := range r.hooks.faults {
		out = append(out, faultToJSON(a.f))
	}
	r.hooks.mu.Unlock()
	writeJSON(w, http.StatusOK, faultListBody{Faults: out}, nil)
}

// faultListBody is the answer of GET /_localregistry/faults.
type faultListBody struct {
	Faults []faultJSON `json:"faults"`
}

func (r *Registry) hookAddFault(w http.ResponseWriter, req *http.Request) {
	f, err := parseFaultJSON(req.Body)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, detailBody{Detail: "invalid fault: " + err.Error()}, nil)
		return
	}
	r.AddFault(f)
	writeJSON(w, http.StatusOK, faultToJSON(f), nil)
}

func (r *Registry) hookClearFaults(w http.ResponseWriter, _ *http.Request) {
	r.ClearFaults()
	hookDone(w, nil)
}

func (r *Registry) hookState(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, r.Snapshot(), nil)
}

func (r *Registry) hookReset(w http.ResponseWriter, _ *http.Request) {
	hookDone(w, r.Reset())
}

func (r *Registry) hookCompact(w http.ResponseWriter, _ *http.Request) {
	hookDone(w, r.Compact())
}

// hookDone answers a hook that changes the registry: 204, or 500 with what failed.
func hookDone(w http.ResponseWriter, err error) {
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, detailBody{Detail: err.Error()}, nil)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (r *Registry) hookCreditBatch(w http.ResponseWriter, req *http.Request) {
	b, ok := r.CreditBatch(req.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, detailBody{Detail: "Credit batch " + req.PathValue("id") + " not found"}, nil)
		return
	}
	writeJSON(w, http.StatusOK, b, nil)
}

func (r *Registry) hookRetirements(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, r.AllRetirements(), nil)
}

func (r *Registry) hookTransfers(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, r.AllTransfers(), nil)
}

func (r *Registry) hookDeliveries(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, r.AllDeliveries(), nil)
}

func (r *Registry) hookBeneficiaries(w http.ResponseWriter, req *http.Request) {
	writeJSON(w, http.StatusOK, r.AllBeneficiaries(req.PathValue("org")), nil)
}

func (r *Registry) hookBalance(w http.ResponseWriter, req *http.Request) {
	writeJSON(w, http.StatusOK, r.CreditBalance(req.PathValue("org")), nil)
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
	CommitAfter       string `json:"commit_after,omitempty"`
	Times             int    `json:"times,omitempty"`
}

func faultToJSON(f Fault) faultJSON {
	fj := faultJSON{Method: f.Method, Path: f.Path, Status: f.Status, RetryAfterSeconds: f.RetryAfterSeconds,
		StatusAfterCommit: f.StatusAfterCommit, DropAfterCommit: f.DropAfterCommit, Times: f.Times}
	if f.Latency > 0 {
		fj.Latency = f.Latency.String()
	}
	if f.CommitAfter > 0 {
		fj.CommitAfter = f.CommitAfter.String()
	}
	return fj
}

// parseFaultJSON accepts snake_case ("status_after_commit") and Go field names ("StatusAfterCommit");
// latency and commit_after are Go duration strings ("2s") or numbers of nanoseconds. commit_after
// cannot be combined with latency or status (it replaces both).
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
	duration := func(k string, x any) (time.Duration, error) {
		switch v := x.(type) {
		case string:
			return time.ParseDuration(v)
		case json.Number:
			n, err := v.Int64()
			return time.Duration(n), err
		default:
			return 0, fmt.Errorf("%s: want a duration string like \"2s\"", k)
		}
	}
	for k, x := range m {
		var err error
		switch strings.ReplaceAll(strings.ToLower(k), "_", "") {
		case "method":
			f.Method, _ = x.(string)
		case "path":
			f.Path, _ = x.(string)
		case "latency":
			f.Latency, err = duration(k, x)
		case "commitafter":
			f.CommitAfter, err = duration(k, x)
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
	if f.CommitAfter > 0 && (f.Latency > 0 || f.Status != 0) {
		return f, fmt.Errorf("commit_after replaces latency and status; give only commit_after")
	}
	return f, nil
}

package localregistry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// TestCommitAfterFault: a client that gives up before CommitAfter finds the retirement committed
// afterwards, exactly once, and logged with the fault; a client that waits gets the answer then.
func TestCommitAfterFault(t *testing.T) {
	const commitAfter = 700 * time.Millisecond
	e := newEnv(t, nil)
	path := APIPrefix + "/retirements/from_oldest_credits"
	n := retirementCount(e)

	status, b := e.raw("POST", HooksPrefix+"/faults", nil, `{"method":"POST","path":"`+path+`","commit_after":"700ms","times":1}`)
	if status != 200 || !bytes.Contains(b, []byte(`"commit_after":"700ms"`)) {
		t.Fatalf("add fault: %d %s", status, b)
	}
	body, _ := json.Marshal(oldestBody(DemoBuyerOrgID, DemoSupplierAID, 3))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", e.srv.URL+path, bytes.NewReader(body))
	for k, v := range apiHeaders(DemoBuyerToken) {
		req.Header.Set(k, v)
	}
	sent := time.Now()
	resp, err := e.srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("the client got an answer (%d) before CommitAfter", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want a client timeout, got %v", err)
	}
	if got := retirementCount(e); got != n {
		t.Fatalf("committed before CommitAfter: %d retirements, want %d", got, n)
	}
	if c := e.reg.CountRequests("POST", path); c != 0 {
		t.Errorf("logged before the commit: %d entries", c)
	}

	// The commit happens at request time + CommitAfter, with nobody left to answer.
	for retirementCount(e) == n && time.Since(sent) < 5*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	if d := time.Since(sent); d < commitAfter {
		t.Errorf("committed after %v, before CommitAfter %v", d, commitAfter)
	}
	time.Sleep(2 * commitAfter) // a second commit would show by now
	all := e.reg.AllRetirements()
	if len(all) != n+1 || all[n].CreditBatchSizeTotal.CreditKgs != 3 {
		t.Fatalf("want exactly one late retirement of 3 kg, got %d retirements", len(all)-n)
	}
	reqs := e.reg.Requests()
	if len(reqs) != 1 || reqs[0].Fault != "commit_after" || reqs[0].Status != 200 || reqs[0].Time.Sub(sent) > commitAfter/2 {
		t.Errorf("want one entry with the request time, the fault and the committed status, got %+v", reqs)
	}

	// A client that waits is answered at the commit, normally.
	e.reg.AddFault(Fault{Method: "POST", Path: path, CommitAfter: 300 * time.Millisecond, Times: 1})
	start := time.Now()
	ret := ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 4))
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("answered after %v, before CommitAfter", d)
	}
	if ret.CreditBatchSizeTotal.CreditKgs != 4 || retirementCount(e) != n+2 {
		t.Errorf("late answer %+v, %d retirements", ret, retirementCount(e)-n)
	}

	// Over HTTP, commit_after replaces latency and status: asking for both is refused.
	if status, _ := e.raw("POST", HooksPrefix+"/faults", nil, `{"commit_after":"1s","status":503}`); status != 400 {
		t.Errorf("commit_after with status: %d, want 400", status)
	}
	e.checkConsistency()
}

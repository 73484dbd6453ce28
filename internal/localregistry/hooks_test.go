package localregistry

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func TestPersistenceRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnvWith(t, Options{StatePath: path})
	ret := ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 1000)))
	if _, err := os.Stat(path); err != nil { // written in the background, before the first commit
		t.Fatalf("state file not written: %v", err)
	}
	ben := ok[client.Organisation](e, "POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Kept", "beneficiary_domain": "kept.example"})
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 { // the state file and its journal
		t.Errorf("temp files left behind: %v", entries)
	}
	// A restart (even with another seed) keeps what was done: the state file wins.
	other := DemoSeed()
	other.ClientSecret = "other-secret"
	e2 := newEnvWith(t, Options{StatePath: path, Seed: other})
	got := ok[client.Retirement](e2, "GET", "/retirements/"+ret.ID, DemoBuyerToken, nil)
	if got.ID != ret.ID || got.RetiredAt != ret.RetiredAt || got.CreditBatchSizeTotal.CreditKgs != 1000 {
		t.Errorf("retirement after restart %+v", got)
	}
	if b := e2.batch(DemoBatchA1Buyer1); b.Status != client.CreditBatchStatusSplit {
		t.Errorf("batch after restart %+v", b)
	}
	if bens := e2.reg.AllBeneficiaries(DemoBuyerOrgID); len(bens) != 2 || bens[1].ID != ben.ID {
		t.Errorf("beneficiaries after restart %+v", bens)
	}
	e2.checkConsistency()
	// A corrupt state file is a clear error, not a silent reset.
	if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), "state") {
		t.Errorf("corrupt state: %v", err)
	}
}

func TestSeedValidation(t *testing.T) {
	cases := map[string]struct {
		mod  func(s *Seed)
		want string
	}{
		"dangling owner":             {func(s *Seed) { s.CreditBatches[0].OwnerOrganisationID = "org_1NOSUCHORG00000001" }, "owner_organisation_id"},
		"dangling issuance":          {func(s *Seed) { s.CreditBatches[0].IssuanceID = "iss_1NOSUCHISSUANCE01" }, "issuance_id"},
		"serial does not match size": {func(s *Seed) { s.CreditBatches[0].SizeKg = 4999 }, "serial range"},
		"bad serial":                 {func(s *Seed) { s.CreditBatches[0].SerialNumber = "ISO-XYZ" }, "serial_number"},
		"children do not add up": {func(s *Seed) {
			for _, b := range s.CreditBatches {
				if b.ID == DemoBatchB1SplitRight {
					b.SizeKg = 1999
				}
			}
		}, "do not add up"},
		"order overfilled": {func(s *Seed) { s.Orders[1].CreditsOrderedKg = 9000 }, "exceeds"},
		"token org":        {func(s *Seed) { s.Tokens[0].OrganisationID = "org_1NOSUCHORG00000001" }, "tokens[0]"},
		"short id":         {func(s *Seed) { s.Organisations[0].ID = "org_1" }, "20-37"},
		"duplicate id":     {func(s *Seed) { s.CreditBatches[1].ID = s.CreditBatches[0].ID }, "duplicate"},
		"null record":      {func(s *Seed) { s.Orders = append(s.Orders, nil) }, fmt.Sprintf("orders[%d]: null", len(DemoSeed().Orders))},
		"wrong prefix":     {func(s *Seed) { s.Transfers[0].ID = "ret_1WRONGPREFIX00001" }, `transfer "ret_1WRONGPREFIX00001": id must start with "tfr_"`},
		"dangling beneficiary": {func(s *Seed) {
			s.Organisations[0].Beneficiaries = append(s.Organisations[0].Beneficiaries, "org_1NOSUCHORG00000001")
		}, "beneficiary"},
		"retired without retirement": {func(s *Seed) { s.CreditBatches[0].Status = client.CreditBatchStatusRetired }, "retirement_id"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := DemoSeed()
			c.mod(s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error mentioning %q", err, c.want)
			}
			if _, err := New(Options{Seed: s}); err == nil {
				t.Errorf("New accepted an invalid seed")
			}
		})
	}
	// LoadSeedFile round trip and unknown fields.
	dir := t.TempDir()
	b, _ := json.MarshalIndent(DemoSeed(), "", "  ")
	good := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(good, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSeedFile(good)
	if err != nil || len(s.CreditBatches) != len(DemoSeed().CreditBatches) {
		t.Fatalf("LoadSeedFile: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"client_secret":"x","organizations":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSeedFile(bad); err == nil || !strings.Contains(err.Error(), "organizations") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := LoadSeedFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Errorf("missing file accepted")
	}
}

func TestFaults(t *testing.T) {
	e := newEnv(t, nil)
	path := APIPrefix + "/retirements/from_oldest_credits"
	body := func(kg int64) map[string]any {
		return oldestBody(DemoBuyerOrgID, DemoSupplierAID, kg)
	}

	t.Run("latency", func(t *testing.T) {
		e.reg.AddFault(Fault{Method: "GET", Path: APIPrefix + "/organisation", Latency: 150 * time.Millisecond, Times: 1})
		start := time.Now()
		ok[client.Organisation](e, "GET", "/organisation", DemoBuyerToken, nil)
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Errorf("latency not applied: %v", d)
		}
		start = time.Now()
		ok[client.Organisation](e, "GET", "/organisation", DemoBuyerToken, nil)
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("Times=1 fault applied twice: %v", d)
		}
	})

	t.Run("429 with Retry-After, nothing committed", func(t *testing.T) {
		n := retirementCount(e)
		e.reg.AddFault(Fault{Method: "POST", Path: path, Status: 429, RetryAfterSeconds: 7, Times: 1})
		resp, _, err := e.send("POST", path, apiHeaders(DemoBuyerToken), body(1))
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" {
			t.Errorf("got %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if retirementCount(e) != n {
			t.Errorf("a 429 committed")
		}
		ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, body(1)) // Times=1: next one passes
		if retirementCount(e) != n+1 {
			t.Errorf("retry did not commit")
		}
	})

	t.Run("5xx before commit", func(t *testing.T) {
		n := retirementCount(e)
		e.reg.AddFault(Fault{Method: "POST", Path: path, Status: 503, Times: 2})
		for i := 0; i < 2; i++ {
			if status, _ := e.call("POST", "/retirements/from_oldest_credits", DemoBuyerToken, body(1)); status != 503 {
				t.Errorf("status %d", status)
			}
		}
		if retirementCount(e) != n {
			t.Errorf("a 5xx-before-commit committed")
		}
	})

	t.Run("5xx after commit", func(t *testing.T) {
		n := retirementCount(e)
		e.reg.AddFault(Fault{Method: "POST", Path: path, StatusAfterCommit: 502, Times: 1})
		if status, _ := e.call("POST", "/retirements/from_oldest_credits", DemoBuyerToken, body(1)); status != 502 {
			t.Errorf("status %d", status)
		}
		if retirementCount(e) != n+1 {
			t.Errorf("5xx-after-commit did not commit")
		}
	})

	t.Run("drop after commit", func(t *testing.T) {
		n := retirementCount(e)
		e.reg.AddFault(Fault{Method: "POST", Path: path, DropAfterCommit: true, Times: 1})
		if resp, _, err := e.send("POST", path, apiHeaders(DemoBuyerToken), body(2)); err == nil {
			t.Fatalf("want a connection error, got %d", resp.StatusCode)
		}
		all := e.reg.AllRetirements()
		if len(all) != n+1 || all[len(all)-1].CreditBatchSizeTotal.CreditKgs != 2 {
			t.Errorf("drop-after-commit did not commit: %d retirements", len(all))
		}
		reqs := e.reg.Requests()
		if last := reqs[len(reqs)-1]; last.Fault != "drop_after_commit" || last.Status != 200 {
			t.Errorf("log entry %+v", last)
		}
	})

	t.Run("over HTTP", func(t *testing.T) {
		status, b := e.raw("POST", HooksPrefix+"/faults", nil, `{"method":"GET","path":"/registry/v0/organisation","status":500,"times":1}`)
		if status != 200 {
			t.Fatalf("add fault: %d %s", status, b)
		}
		status, b = e.raw("POST", HooksPrefix+"/faults", nil, `{"Method":"GET","Path":"/registry/v0/supplier","Latency":"1ms","StatusAfterCommit":503}`)
		if status != 200 {
			t.Fatalf("add fault (Go names): %d %s", status, b)
		}
		if status, _ := e.call("GET", "/organisation", DemoBuyerToken, nil); status != 500 {
			t.Errorf("HTTP fault not applied: %d", status)
		}
		if status, _ := e.call("GET", "/supplier", DemoSupplierAToken, nil); status != 503 {
			t.Errorf("HTTP fault 2 not applied: %d", status)
		}
		if status, _ := e.raw("DELETE", HooksPrefix+"/faults", nil, nil); status != 204 {
			t.Errorf("clear faults: %d", status)
		}
		if status, _ := e.call("GET", "/supplier", DemoSupplierAToken, nil); status != 200 {
			t.Errorf("faults not cleared: %d", status)
		}
		if status, _ := e.raw("POST", HooksPrefix+"/faults", nil, `{"latency":"soon"}`); status != 400 {
			t.Errorf("bad fault accepted")
		}
	})
	e.checkConsistency()
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t, nil)
	ok[client.Organisation](e, "GET", "/organisation", DemoBuyerToken, nil)
	ok[client.Organisation](e, "GET", "/organisation", DemoBuyerToken, nil)
	e.call("GET", "/organisations/"+DemoBuyerOrgID+"/credit_batches?first=2&status=active", DemoBuyerToken, nil)
	ok[client.Retirement](e, "POST", "/retirements", DemoBuyerToken, retireBody(DemoBuyerOrgID, DemoBuyerOrgID, DemoSupplierAID, q(DemoBatchA1Buyer1, 1)))
	e.raw("GET", APIPrefix+"/organisation", nil, nil) // 401
	if n := e.reg.CountRequests("GET", APIPrefix+"/organisation"); n != 3 {
		t.Errorf("count GET /organisation = %d", n)
	}
	if n := e.reg.CountRequests("POST", ""); n != 1 {
		t.Errorf("count POST = %d", n)
	}
	if n := e.reg.CountRequests("", ""); n != 5 {
		t.Errorf("count all = %d", n)
	}
	reqs := e.reg.Requests()
	if reqs[2].Query != "first=2&status=active" || reqs[3].Status != 200 || !strings.Contains(reqs[3].Body, DemoBatchA1Buyer1) || reqs[4].Status != 401 || reqs[0].Time.IsZero() {
		t.Errorf("log %+v", reqs)
	}
	// Over HTTP (hook requests themselves are not logged).
	_, b := e.raw("GET", HooksPrefix+"/requests?method=POST", nil, nil)
	var v requestLogBody
	if err := json.Unmarshal(b, &v); err != nil || v.Count != 1 || v.Requests[0].Path != APIPrefix+"/retirements" {
		t.Errorf("HTTP log: %v %s", err, b)
	}
	if status, _ := e.raw("DELETE", HooksPrefix+"/requests", nil, nil); status != 204 {
		t.Errorf("reset: %d", status)
	}
	if n := e.reg.CountRequests("", ""); n != 0 {
		t.Errorf("after reset: %d", n)
	}
	e.reg.ResetRequests()
	// Read-only views over HTTP.
	status, b := e.raw("GET", HooksPrefix+"/credit_batches/"+DemoBatchA1Buyer1, nil, nil)
	if status != 200 || !strings.Contains(string(b), `"status":"split"`) {
		t.Errorf("hook batch view: %d %s", status, b)
	}
}

func TestConcurrentRetirements(t *testing.T) {
	e := newEnv(t, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	okCount, refused := 0, 0
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _ := e.call("POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 1000))
			mu.Lock()
			defer mu.Unlock()
			switch status {
			case 200:
				okCount++
			case 422:
				refused++
			default:
				t.Errorf("status %d", status)
			}
		}()
	}
	wg.Wait()
	// Supplier A holds 27 500 kg for the buyer: exactly 27 retirements of 1 000 kg fit.
	if okCount != 27 || refused != 3 {
		t.Errorf("ok %d refused %d", okCount, refused)
	}
	e.checkConsistency()
}

func TestICR(t *testing.T) {
	e := newEnv(t, nil)
	auth := map[string]string{"Authorization": "Bearer " + DemoICRToken}
	if status, _ := e.raw("GET", ICRPrefix+"/v1/retirements", nil, nil); status != 401 {
		t.Errorf("no token: %d", status)
	}
	if status, _ := e.raw("GET", ICRPrefix+"/v1/retirements", map[string]string{"Authorization": "Bearer " + DemoBuyerToken}, nil); status != 401 {
		t.Errorf("wrong token: %d", status)
	}
	status, b := e.raw("GET", ICRPrefix+"/v1/retirements?limit=2&page=1", auth, nil)
	var list client.ICRRetirementList
	if err := json.Unmarshal(b, &list); status != 200 || err != nil || len(list.Retirements) != 2 || list.Pagination.Total != 3 ||
		list.Pagination.PageCount != 2 || list.Pagination.NextPage != 2 || list.Pagination.PrevPage != 0 {
		t.Errorf("list: %d %v %s", status, err, b)
	}
	status, b = e.raw("GET", ICRPrefix+"/v1/retirements/"+DemoICRRetirementID, auth, nil)
	var one struct {
		Retirement client.ICRRetirement `json:"retirement"`
	}
	if err := json.Unmarshal(b, &one); status != 200 || err != nil || one.Retirement.ID != DemoICRRetirementID || one.Retirement.Amount.String() != "1000" {
		t.Errorf("by id: %d %s", status, b)
	}
	if status, _ := e.raw("GET", ICRPrefix+"/v1/retirements/00000000-0000-0000-0000-000000000000", auth, nil); status != 404 {
		t.Errorf("unknown id: %d", status)
	}
	status, b = e.raw("GET", ICRPrefix+"/v1/"+DemoICREntityID+"/retirements", auth, nil)
	var ent struct {
		Retirements []client.ICRRetirement `json:"retirements"`
	}
	if err := json.Unmarshal(b, &ent); status != 200 || err != nil || len(ent.Retirements) != 2 {
		t.Errorf("entity: %d %s", status, b)
	}
	if n := e.reg.CountRequests("GET", ""); n != 6 {
		t.Errorf("ICR requests are logged: %d", n)
	}
}

// TestREADMESeedExample keeps the documented seed example loadable.
func TestREADMESeedExample(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "```json\n")
	j := strings.Index(s[i+8:], "```")
	if i < 0 || j < 0 {
		t.Fatal("no JSON example in README.md")
	}
	seed, err := parseSeed([]byte(s[i+8 : i+8+j]))
	if err != nil {
		t.Fatalf("README example: %v", err)
	}
	e := newEnv(t, seed)
	status, body := e.raw("GET", APIPrefix+"/credit_batches/ctb_1EXAMPLEBATCH0001", map[string]string{"X-Client-Secret": "s3cret", "Authorization": "Bearer buyer-token"}, nil)
	if status != 200 || !strings.Contains(string(body), `"credit_kgs":1000`) {
		t.Errorf("%d %s", status, body)
	}
}

package localregistry

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// pagesWorld is the demo world after a retirement for an individual beneficiary (an email, notes
// with markup) of part of DemoBatchA1Buyer2, then a transfer of part of what remained: a lineage of
// three generations, with a delivery, a retirement and a transfer in it.
type pagesWorld struct {
	*testEnv
	email      string
	retirement client.Retirement
	transfer   client.Transfer
	retired    client.CreditBatch // the left part of DemoBatchA1Buyer2
	rest       client.CreditBatch // its right part, split again by the transfer
	moved      client.CreditBatch // the left part of rest, transferred
	kept       client.CreditBatch // the right part of rest
}

const pagesNotes = `<script>alert(1)</script> & "quoted"`

func newPagesWorld(t *testing.T) *pagesWorld {
	t.Helper()
	w := &pagesWorld{testEnv: newEnv(t, nil), email: "jo.bloggs@example.com"}
	ind := ok[client.Organisation](w.testEnv, "POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Jo Bloggs", "beneficiary_email": w.email})
	body := retireBody(DemoBuyerOrgID, ind.ID, DemoSupplierAID, q(DemoBatchA1Buyer2, 2000))
	body["notes"] = pagesNotes
	w.retirement = ok[client.Retirement](w.testEnv, "POST", "/retirements", DemoBuyerToken, body)
	parent := w.batch(DemoBatchA1Buyer2)
	w.retired, w.rest = w.batch(*parent.LeftChildID), w.batch(*parent.RightChildID)
	w.transfer = ok[client.Transfer](w.testEnv, "POST", "/transfers", DemoBuyerToken, transferBody(DemoBuyerOrgID, DemoPartnerOrgID, DemoSupplierAID, q(w.rest.ID, 500)))
	w.rest = w.batch(w.rest.ID)
	w.moved, w.kept = w.batch(*w.rest.LeftChildID), w.batch(*w.rest.RightChildID)
	return w
}

// page GETs a page and returns its status and body, checking that it is HTML.
func (e *testEnv) page(path string) (int, string) {
	e.t.Helper()
	resp, body, err := e.send("GET", path, nil, nil)
	if err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		e.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		e.t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
	}
	return resp.StatusCode, string(body)
}

// okPage GETs a page that must answer 200 and contain each of want, in that order.
func (e *testEnv) okPage(path string, want ...string) string {
	e.t.Helper()
	status, body := e.page(path)
	if status != http.StatusOK {
		e.t.Fatalf("GET %s: status %d\n%s", path, status, body)
	}
	containsInOrder(e.t, path, body, want...)
	return body
}

func containsInOrder(t *testing.T, what, body string, want ...string) {
	t.Helper()
	rest := body
	for _, s := range want {
		i := strings.Index(rest, s)
		if i < 0 {
			if strings.Contains(body, s) {
				t.Errorf("%s: %q is there, but not after %q", what, s, want)
			} else {
				t.Errorf("%s: no %q", what, s)
			}
			continue
		}
		rest = rest[i+len(s):]
	}
}

// pagePaths are a page of each kind of w.
func (w *pagesWorld) pagePaths() []string {
	return []string{"/", "/" + w.retirement.ID, "/" + DemoBatchA1Buyer2, "/" + w.moved.ID, "/" + DemoProjectA1ID, "/" + DemoSupplierAID, "/" + DemoDeliveryA1ID}
}

func TestPageWorld(t *testing.T) {
	w := newPagesWorld(t)
	w.okPage("/",
		// The buyer: its balance (57 250 kg active less 2 000 retired and 500 transferred; 3 000 + 2 000
		// retired), then its active credits per supplier, project and vintage (A1 2024: 5 000 + 10 000 kg).
		"Demo Buyer Ltd", DemoBuyerOrgID, "54.750 t", "(54750 kg)", "5.000 t", "(5000 kg)",
		"Demo Supplier A", "Demo Project A1 - Direct Air Capture", "2024", "15.000 t", "(15000 kg)",
		"Demo Project A2 - Enhanced Weathering", "2025", "10.000 t",
		"Demo Supplier B", "Demo Project B1 - Biochar", "2025", "29.750 t",
		// The partner received 0.5 t of A1.
		"Demo Partner Co", "4.500 t",
		"Jo Bloggs",
		// Recent transactions, newest first.
		"Recent retirements", `href="/`+w.retirement.ID+`"`, "2.000 t", "Jo Bloggs", "Demo Buyer Ltd", "Corporate targets",
		DemoRetirementB1ID, DemoRetirementID,
		"Recent transfers", w.transfer.ID, "0.500 t", "Demo Partner Co", DemoTransferID,
		"Recent deliveries", DemoDeliveryB1ID, DemoDeliveryA2ID, DemoDeliveryA1ID,
		"Suppliers and projects", `href="/`+DemoSupplierAID+`"`, `href="/`+DemoProjectA1ID+`"`)
}

func TestPageWorldLists(t *testing.T) {
	e := newEnv(t, ScaleSeed(ScaleOptions{Batches: 1, Retirements: 60}))
	e.okPage("/", "Recent retirements", "… and 12 more not shown.", "Recent transfers")
}

// TestPageCertificate: the certificate lives at the path of the retirement's url, on the local
// registry.
func TestPageCertificate(t *testing.T) {
	w := newPagesWorld(t)
	u, err := url.Parse(w.retirement.URL)
	if err != nil || u.Path != "/"+w.retirement.ID {
		t.Fatalf("retirement url %q: want https://…/%s (%v)", w.retirement.URL, w.retirement.ID, err)
	}
	body := w.okPage(u.Path,
		"Retirement certificate", "2.000 t", "(2000 kg)", "of carbon removal retired", "Jo Bloggs",
		w.retirement.ID, "Jo Bloggs", "Demo Buyer Ltd", DemoBuyerOrgID, "Demo Supplier A", DemoSupplierAID,
		displayTime(w.retirement.RetiredAt), "Corporate targets",
		"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34;", w.retirement.URL,
		"Credit batches retired", `href="/`+w.retired.ID+`"`, w.retired.SerialNumber, "2.000 t", "retired",
		"Demo Project A1 - Direct Air Capture", "2024")
	if strings.Contains(body, "<script") {
		t.Errorf("the notes' markup reached the page unescaped")
	}
	w.okPage("/"+DemoRetirementB1ID, "1.000 t", "Demo Beneficiary Foundation", "Public environmental claims", "none",
		DemoBatchB1SplitLeft, "Demo Project B1 - Biochar")
}

func TestPageBatchLineage(t *testing.T) {
	w := newPagesWorld(t)
	lineage := []string{
		"Lineage",
		`href="/` + DemoBatchA1Buyer2 + `"`, "12.500 t", "split",
		"Issued", DemoIssuanceA1ID, "Delivered", `href="/` + DemoDeliveryA1ID + `"`, "to Demo Buyer Ltd", DemoOrderA1ID,
		"left part", w.retired.ID, "2.000 t", "retired", w.retired.SerialNumber,
		"Retired", `href="/` + w.retirement.ID + `"`, "for Jo Bloggs", "&lt;script&gt;",
		"right part", w.rest.ID, "10.500 t", "split",
		"left part", w.moved.ID, "0.500 t", "active", "owner Demo Partner Co",
		"Transferred", w.transfer.ID, "from Demo Buyer Ltd to Demo Partner Co",
		"right part", w.kept.ID, "10.000 t", "active", "owner Demo Buyer Ltd",
	}
	// The original batch's page and a grandchild's show the same lineage; each marks its own batch.
	w.okPage("/"+DemoBatchA1Buyer2, append([]string{"Credit batch", DemoBatchA1Buyer2, "12.500 t", "(12500 kg)", "Demo Project A1 - Direct Air Capture", "2024"}, lineage...)...)
	body := w.okPage("/"+w.moved.ID, append([]string{w.moved.ID, "0.500 t", "(500 kg)", w.moved.SerialNumber, "Demo Partner Co"}, lineage...)...)
	containsInOrder(t, "the transferred part", body, `class="current"`, w.moved.ID, "this batch", w.kept.ID)
	if strings.Count(body, "this batch") != 1 {
		t.Errorf("want one batch marked as this batch")
	}
	// A refund, and a batch that came with its parent's delivery (shown once, on the parent).
	w.okPage("/"+DemoBatchB1Refunded, "Refunded", DemoRefundID, "from Isometric Buffer Pool to Demo Buyer Ltd", "Buffer pool refund after a reversal review")
	if body := w.okPage("/" + DemoBatchB1SplitRight); strings.Count(body, "Delivered") != 1 {
		t.Errorf("the delivery of %s is shown %d times, want once (on the parent)", DemoBatchB1Split, strings.Count(body, "Delivered"))
	}
}

// TestPageBatchLineageLimit: a lineage of more batches than a page shows keeps the path to the
// batch asked for, and says how many it leaves out.
func TestPageBatchLineageLimit(t *testing.T) {
	e := newEnv(t, nil)
	for i := 0; i < lineageLimit; i++ { // each takes 1 kg of the oldest batch of A (5 000 kg), splitting its rest
		ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 1))
	}
	last := e.batch(DemoBatchA1Buyer1)
	for last.RightChildID != nil {
		last = e.batch(*last.RightChildID)
	}
	// The tree: the chain of right parts (the path to last, always shown) and a retired left part at
	// each level. Walking the tree depth first, the page shows batches until lineageLimit are shown,
	// and then only the path: the left parts of the first lineageLimit/2 levels are shown.
	body := e.okPage("/"+last.ID, DemoBatchA1Buyer1, fmt.Sprintf("… and %d more parts not shown.", lineageLimit/2))
	containsInOrder(t, "the last part", body, "Lineage", DemoBatchA1Buyer1, last.ID, "this batch")
}

func TestPageProjectSupplierDelivery(t *testing.T) {
	w := newPagesWorld(t)
	w.okPage("/"+DemoProjectA1ID,
		"Demo Project A1 - Direct Air Capture", DemoProjectA1ID, "Demo Supplier A", "Validated", "Wyoming, United States",
		"24.500 t", "of which buffer pool", "1.000 t", "Retired", "4.000 t",
		"Documents", "Issuances", DemoIssuanceA1ID, DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired, DemoBatchA1Partner)
	w.okPage("/"+DemoSupplierAID,
		"Demo Supplier A", DemoSupplierAID, DemoSupplierAOrgID, "Wyoming, United States",
		"Projects", "Demo Project A2 - Enhanced Weathering", "Demo Project A1 - Direct Air Capture",
		"Deliveries", DemoDeliveryA2ID, DemoDeliveryA1ID)
	w.okPage("/"+DemoDeliveryA1ID,
		"Delivery", "23.500 t", "delivered", DemoDeliveryA1ID, "Demo Supplier A", "Demo Buyer Ltd", DemoOrderA1ID,
		"https://to.isometric.com/"+DemoDeliveryA1ID, "Credit batches delivered", DemoBatchA1Buyer1, DemoBatchA1Buyer2)
}

// TestPagesShowNoSecrets: no page shows a token, the client secret or an email.
func TestPagesShowNoSecrets(t *testing.T) {
	w := newPagesWorld(t)
	secrets := []string{w.email, DemoClientSecret, DemoICRToken, "@example.com"}
	for _, tok := range w.reg.Snapshot().Tokens {
		secrets = append(secrets, tok.Token)
	}
	for _, p := range append(w.pagePaths(), "/"+w.retired.ID) {
		body := w.okPage(p)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("GET %s shows %q", p, s)
			}
		}
	}
}

func TestPagesNotFound(t *testing.T) {
	e := newEnv(t, nil)
	for path, want := range map[string]string{
		"/ret_1NOSUCHRETIRE0001":   "There is no retirement <code>ret_1NOSUCHRETIRE0001</code> in this registry.",
		"/ctb_1NOSUCHBATCH00001":   "There is no credit batch <code>ctb_1NOSUCHBATCH00001</code>",
		"/prj_1NOSUCHPROJECT001":   "There is no project",
		"/spl_1NOSUCHSUPPLIER01":   "There is no supplier",
		"/dlv_1NOSUCHDELIVERY01":   "There is no delivery",
		"/nope":                    "<code>nope</code> is not the ID of a record with a page.",
		"/" + DemoBuyerOrgID:       "is not the ID of a record with a page",
		"/ret_%3Cscript%3Ex":       "There is no retirement <code>ret_&lt;script&gt;x</code>",
		"/favicon.ico":             "is not the ID of a record with a page",
		"/" + DemoIssuanceA1ID[:4]: "is not the ID of a record with a page",
	} {
		status, body := e.page(path)
		if status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, status)
		}
		containsInOrder(t, path, body, "Not found", want, `href="/"`, "ret_… (retirement)")
	}
}

// TestPagesLeaveTheOtherRoutes: the API, the ICR endpoints and the hooks answer as before, other
// paths and methods outside them still answer the JSON 404, and pages are not in the request log.
func TestPagesLeaveTheOtherRoutes(t *testing.T) {
	e := newEnv(t, nil)
	if org := ok[client.Organisation](e, "GET", "/organisation", DemoBuyerToken, nil); org.ID != DemoBuyerOrgID {
		t.Errorf("GET /organisation: %+v", org)
	}
	for _, c := range []struct {
		method, path string
		headers      map[string]string
		status       int
		body         string
	}{
		{"GET", APIPrefix + "/organisation", nil, 401, `{"detail":`},
		{"GET", APIPrefix + "/nope", apiHeaders(DemoBuyerToken), 404, `{"detail":"Not Found"}`},
		{"GET", APIPrefix + "/retirements/" + DemoRetirementID, apiHeaders(DemoBuyerToken), 200, `"url":"https://to.isometric.com/` + DemoRetirementID + `"`},
		{"GET", ICRPrefix + "/v1/retirements", nil, 401, `"statusCode":401`},
		{"GET", HooksPrefix + "/retirements", nil, 200, `"id":"` + DemoRetirementID + `"`},
		{"GET", "/registry", nil, 404, "is not the ID of a record with a page"},
		{"GET", "/a/b", nil, 404, `{"detail":"Not Found"}`},
		{"POST", "/", nil, 404, `{"detail":"Not Found"}`},
		{"POST", "/" + DemoRetirementID, nil, 404, `{"detail":"Not Found"}`},
	} {
		status, body := e.raw(c.method, c.path, c.headers, nil)
		if status != c.status || !strings.Contains(string(body), c.body) {
			t.Errorf("%s %s: %d %s, want %d with %s", c.method, c.path, status, body, c.status, c.body)
		}
	}
	before := e.reg.CountRequests("", "")
	e.okPage("/")
	e.okPage("/" + DemoRetirementID)
	if n := e.reg.CountRequests("", ""); n != before {
		t.Errorf("pages were logged: %d requests, want %d", n, before)
	}
	resp, body, err := e.send("HEAD", "/"+DemoRetirementID, nil, nil)
	if err != nil || resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("HEAD of a certificate: %v %v %q", err, resp.Status, body)
	}
}

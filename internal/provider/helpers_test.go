package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// The package's test helpers: the acceptance-test harness (TestMain, a local registry per test, the
// provider served in-process), expected errors, checks of the requests a registry received, an index
// of seeds and a seed with more records than one page holds, expected values of the records, and
// the test bodies that several data sources or resources share.

// ---- Harness ----

// testAccProtoV6ProviderFactories serves the provider in-process to the Terraform CLI that
// terraform-plugin-testing runs (no build, no dev_overrides needed).
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"isometric": func() (tfprotov6.ProviderServer, error) { return ProtocolV6Server("test")(), nil },
}

// Tests wait 0.7 s, not 15 s, before giving up asking the registry again after a POST without
// answer: long enough for the late-commit tests to commit inside that window.
func init() {
	discoveryRechecks = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
}

// testRegistry is an in-process local registry behind an httptest server on 127.0.0.1.
type testRegistry struct {
	// URL is the server root, e.g. "http://127.0.0.1:41234" (API under /registry/v0, ICR under
	// /icr, test hooks under /_localregistry).
	URL string
	// APIEndpoint is the provider's endpoint for this registry (URL + "/registry/v0").
	APIEndpoint string
	// ICREndpoint is the provider's icr endpoint for this registry (URL + "/icr").
	ICREndpoint string
	// Registry gives the in-process test hooks (requests, faults, read-only views).
	Registry *localregistry.Registry
	// seed indexes the seed the registry started with: what it must report, and which of its
	// records were created since (newRecords).
	seed *seedIndex

	clientSecret string
}

// newTestRegistry starts a local registry seeded with seed (nil = the demo world) and stops it when
// the test ends. Each call is an independent world, so tests using their own registry can run in
// parallel. The registry works on a copy: seed stays as it was.
func newTestRegistry(t *testing.T, seed *localregistry.Seed) *testRegistry {
	t.Helper()
	if seed == nil {
		seed = localregistry.DemoSeed()
	}
	reg, err := localregistry.New(localregistry.Options{Seed: seed})
	if err != nil {
		t.Fatalf("starting the local registry: %v", err)
	}
	srv := httptest.NewServer(reg.Handler()) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return &testRegistry{
		URL:          srv.URL,
		APIEndpoint:  srv.URL + "/registry/v0",
		ICREndpoint:  srv.URL + "/icr",
		Registry:     reg,
		seed:         indexSeed(seed),
		clientSecret: seed.ClientSecret,
	}
}

// ProviderConfig returns a provider "isometric" block for this registry acting with token
// (e.g. localregistry.DemoBuyerToken). It has no icr block: see ProviderConfigWithICR.
func (r *testRegistry) ProviderConfig(token string) string {
	return r.providerConfig(token, "")
}

// ProviderConfigWithICR is ProviderConfig plus an icr block for this registry's ICR endpoints
// acting with icrToken (e.g. localregistry.DemoICRToken).
func (r *testRegistry) ProviderConfigWithICR(token, icrToken string) string {
	return r.providerConfig(token, fmt.Sprintf(`
  icr {
    endpoint     = %q
    access_token = %q
  }
`, r.ICREndpoint, icrToken))
}

func (r *testRegistry) providerConfig(token, extra string) string {
	return fmt.Sprintf(`
provider "isometric" {
  endpoint      = %q
  client_secret = %q
  access_token  = %q
%s}
`, r.APIEndpoint, r.clientSecret, token, extra)
}

// testProviderData is provider data acting as the demo buyer against reg, for calling resources
// directly; the client never retries.
func testProviderData(t *testing.T, reg *testRegistry) *providerData {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: reg.APIEndpoint, ClientSecret: reg.clientSecret, AccessToken: localregistry.DemoBuyerToken,
		MaxRetries: -1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{Client: c, View: newRegistryView(c), Environment: "sandbox", Endpoint: reg.APIEndpoint, endpointOverridden: true}
}

// TestMain makes acceptance tests hermetic and runnable offline:
//   - the provider never reads ISOMETRIC_* variables of the developer's shell (tests configure it explicitly);
//   - CHECKPOINT_DISABLE=1 (no version check over the network);
//   - TF_CLI_CONFIG_FILE pointing at a missing file is replaced by an empty one;
//   - terraform from PATH, else tofu (via TF_ACC_TERRAFORM_PATH), with or without TF_ACC (the unit
//     tests that run a CLI, resource.UnitTest, need one too), never a download of Terraform by
//     terraform-plugin-testing; without a CLI, TF_ACC fails the run with what to install and the
//     unit tests that need a CLI skip (unitTest).
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "ISOMETRIC_") {
			_ = os.Unsetenv(name)
		}
	}
	if os.Getenv("CHECKPOINT_DISABLE") == "" {
		_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	}
	if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
		if _, err := os.Stat(f); err != nil {
			dir, err := os.MkdirTemp("", "isometric-tfcli-")
			if err != nil {
				fmt.Fprintln(os.Stderr, "creating a temporary directory:", err)
				return 1
			}
			defer os.RemoveAll(dir)
			empty := filepath.Join(dir, "terraformrc")
			if err := os.WriteFile(empty, nil, 0o600); err != nil {
				fmt.Fprintln(os.Stderr, "writing an empty Terraform CLI config:", err)
				return 1
			}
			_ = os.Setenv("TF_CLI_CONFIG_FILE", empty)
		}
	}
	if err := selectTerraformCLI(); err != nil {
		if os.Getenv("TF_ACC") != "" {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		noTerraformCLI = err
	}
	return m.Run()
}

// noTerraformCLI is why there is no Terraform CLI to run (nil when there is one).
var noTerraformCLI error

// unitTest is resource.UnitTest (a test that runs the CLI without TF_ACC), skipped with the reason
// when neither terraform nor tofu is installed: terraform-plugin-testing would download Terraform.
func unitTest(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if noTerraformCLI != nil {
		t.Skip(noTerraformCLI.Error())
	}
	resource.UnitTest(t, tc)
}

// selectTerraformCLI points terraform-plugin-testing at terraform, or at OpenTofu when only tofu is
// installed; a TF_ACC_TERRAFORM_PATH given is kept (an OpenTofu there gets OpenTofu's provider host).
func selectTerraformCLI() error {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if out, err := exec.Command(p, "version").Output(); err == nil && strings.HasPrefix(string(out), "OpenTofu") {
			useOpenTofuProviderHost()
		}
		return nil
	}
	if _, err := exec.LookPath("terraform"); err == nil {
		return nil // terraform-plugin-testing finds it on PATH itself
	}
	if tofu, err := exec.LookPath("tofu"); err == nil {
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", tofu)
		useOpenTofuProviderHost()
		return nil
	}
	return fmt.Errorf("the acceptance tests (and the unit tests of provider functions) need a Terraform CLI: neither terraform nor tofu is on PATH. " +
		"Install Terraform (https://developer.hashicorp.com/terraform/install) or OpenTofu (https://opentofu.org/docs/intro/install/), " +
		"or set TF_ACC_TERRAFORM_PATH to the binary")
}

// useOpenTofuProviderHost makes terraform-plugin-testing name the provider as OpenTofu's registry
// would, unless the environment says otherwise.
func useOpenTofuProviderHost() {
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
	}
}

// ---- Expected errors and Go values ----

// errorText matches Terraform's output holding the fragments in this order, whatever its line
// wrapping: each space in a fragment matches any run of whitespace and of the "│" that prefixes the
// lines of a diagnostic, and anything may stand between two fragments.
func errorText(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `[\s│]+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// as returns v as a T, failing the test (instead of panicking) when it is not one; what names v.
func as[T any](t *testing.T, v any, what string) T {
	t.Helper()
	got, ok := v.(T)
	if !ok {
		t.Fatalf("%s: got %T, want %T", what, v, got)
	}
	return got
}

// onlyDiag returns the one diagnostic of diags, failing the test unless there is exactly one, of severity.
func onlyDiag(t *testing.T, diags diag.Diagnostics, severity diag.Severity) diag.Diagnostic {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity() != severity {
		t.Fatalf("want exactly one %s, got %v", severity, diags)
	}
	return diags[0]
}

// wantContains fails the test unless got (named what) holds each of wants.
func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: missing %q in:\n%s", what, w, got)
		}
	}
}

// ---- Requests the registry received ----

// registryPath is the path in the registry's request log (and of a Fault) of an API path ("/transfers").
func registryPath(apiPath string) string { return "/registry/v0" + apiPath }

// postCount counts the POSTs the registry received on an API path ("/transfers"); "" counts every POST.
func (r *testRegistry) postCount(apiPath string) int {
	if apiPath == "" {
		return r.Registry.CountRequests("POST", "")
	}
	return r.Registry.CountRequests("POST", registryPath(apiPath))
}

// expectPOSTs is a step check: the registry received exactly n POSTs on apiPath ("" = any path) so far.
func (r *testRegistry) expectPOSTs(apiPath string, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := r.postCount(apiPath); got != n {
			return fmt.Errorf("POST %s: the registry received %d requests, want %d; requests: %s", apiPath, got, n, r.requestSummary())
		}
		return nil
	}
}

// assertPOSTs fails the test unless the registry received exactly n POSTs on apiPath ("" = any path).
func (r *testRegistry) assertPOSTs(t *testing.T, apiPath string, n int) {
	t.Helper()
	if err := r.expectPOSTs(apiPath, n)(nil); err != nil {
		t.Error(err)
	}
}

// expectOnlyReads is a step check: every request the registry received is a GET, except exactly
// posts POSTs.
func (r *testRegistry) expectOnlyReads(posts int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, q := range r.Registry.Requests() {
			if q.Method != "GET" && q.Method != "POST" {
				return fmt.Errorf("the registry received %s %s; requests: %s", q.Method, q.Path, r.requestSummary())
			}
		}
		return r.expectPOSTs("", posts)(s)
	}
}

// requestSummary lists the requests the registry received, one a line, for failure messages.
func (r *testRegistry) requestSummary() string {
	var b strings.Builder
	for _, q := range r.Registry.Requests() {
		fmt.Fprintf(&b, "\n  %s %s?%s -> %d %s", q.Method, q.Path, q.Query, q.Status, q.Fault)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// expectPagedGET is a step check: the registry answered a GET on apiPath that asked for a later page.
func (r *testRegistry) expectPagedGET(apiPath string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, q := range r.Registry.Requests() {
			if q.Method == "GET" && q.Path == registryPath(apiPath) && strings.Contains(q.Query, "after=") {
				return nil
			}
		}
		return fmt.Errorf("no GET %s asked for a second page", apiPath)
	}
}

// checkPages checks that every read of the list with exactly the filter query walked pages pages
// of client.MaxPageSize: each read starts without a cursor and follows pages-1 cursors.
func checkPages(reg *testRegistry, path string, filter url.Values, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var starts, follows int
		for _, r := range reg.Registry.Requests() {
			if r.Method != "GET" || r.Path != path {
				continue
			}
			q, _ := url.ParseQuery(r.Query)
			first, after := q.Get("first"), q.Get("after")
			q.Del("first")
			q.Del("after")
			if !queryEqual(q, filter) {
				continue
			}
			if first != fmt.Sprint(client.MaxPageSize) {
				return fmt.Errorf("GET %s?%s: want first=%d", path, r.Query, client.MaxPageSize)
			}
			if after == "" {
				starts++
			} else {
				follows++
			}
		}
		if starts == 0 || follows != starts*(pages-1) {
			return fmt.Errorf("GET %s with %v: %d reads and %d follow-up pages, want %d pages per read", path, filter, starts, follows, pages)
		}
		return nil
	}
}

// checkQueries checks that the registry received GET path with each of the filter queries
// (pagination parameters aside).
func checkQueries(reg *testRegistry, path string, want ...url.Values) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []url.Values
		for _, r := range reg.Registry.Requests() {
			if r.Method == "GET" && r.Path == path {
				q, _ := url.ParseQuery(r.Query)
				q.Del("first")
				q.Del("after")
				got = append(got, q)
			}
		}
	next:
		for _, w := range want {
			for _, g := range got {
				if queryEqual(g, w) {
					continue next
				}
			}
			return fmt.Errorf("GET %s was never requested with the filters %v; got %v", path, w, got)
		}
		return nil
	}
}

// queryEqual compares two queries, ignoring the order of repeated values.
func queryEqual(a, b url.Values) bool {
	norm := func(v url.Values) map[string]map[string]bool {
		m := map[string]map[string]bool{}
		for k, vs := range v {
			m[k] = map[string]bool{}
			for _, s := range vs {
				m[k][s] = true
			}
		}
		return m
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// resetRequests clears the registry's request log (a PreConfig), so that a step's checks count
// only that step's requests.
func resetRequests(reg *testRegistry) func() { return func() { reg.Registry.ResetRequests() } }

// ---- Seeds ----

// seedIndex indexes a seed by ID, to compute the values the registry must report.
type seedIndex struct {
	seed           *localregistry.Seed
	orgs           map[string]*localregistry.SeedOrganisation
	suppliers      map[string]*localregistry.SeedSupplier
	projects       map[string]*localregistry.SeedProject
	documents      map[string]*localregistry.SeedProjectDocument
	issuances      map[string]*localregistry.SeedIssuance
	batches        map[string]*localregistry.SeedCreditBatch
	orders         map[string]*localregistry.SeedOrder
	deliveries     map[string]*localregistry.SeedDelivery
	retirements    map[string]*localregistry.SeedRetirement
	transfers      map[string]*localregistry.SeedTransfer
	refunds        map[string]*localregistry.SeedRefund
	stripeConfigs  map[string]*localregistry.SeedStripeConfiguration
	icrRetirements map[string]*localregistry.ICRRetirement
}

func indexSeed(s *localregistry.Seed) *seedIndex {
	var icr []*localregistry.ICRRetirement
	if s.ICR != nil {
		icr = s.ICR.Retirements
	}
	return &seedIndex{seed: s,
		orgs:           byID(s.Organisations, func(o *localregistry.SeedOrganisation) string { return o.ID }),
		suppliers:      byID(s.Suppliers, func(o *localregistry.SeedSupplier) string { return o.ID }),
		projects:       byID(s.Projects, func(o *localregistry.SeedProject) string { return o.ID }),
		documents:      byID(s.ProjectDocuments, func(o *localregistry.SeedProjectDocument) string { return o.ID }),
		issuances:      byID(s.Issuances, func(o *localregistry.SeedIssuance) string { return o.ID }),
		batches:        byID(s.CreditBatches, func(o *localregistry.SeedCreditBatch) string { return o.ID }),
		orders:         byID(s.Orders, func(o *localregistry.SeedOrder) string { return o.ID }),
		deliveries:     byID(s.Deliveries, func(o *localregistry.SeedDelivery) string { return o.ID }),
		retirements:    byID(s.Retirements, func(o *localregistry.SeedRetirement) string { return o.ID }),
		transfers:      byID(s.Transfers, func(o *localregistry.SeedTransfer) string { return o.ID }),
		refunds:        byID(s.Refunds, func(o *localregistry.SeedRefund) string { return o.ID }),
		stripeConfigs:  byID(s.StripeConfigurations, func(o *localregistry.SeedStripeConfiguration) string { return o.ID }),
		icrRetirements: byID(icr, func(o *localregistry.ICRRetirement) string { return o.ID }),
	}
}

// byID indexes items by their IDs.
func byID[T any](items []*T, id func(*T) string) map[string]*T {
	out := make(map[string]*T, len(items))
	for _, it := range items {
		out[id(it)] = it
	}
	return out
}

// demoIndex indexes the demo world.
func demoIndex() *seedIndex { return indexSeed(localregistry.DemoSeed()) }

// must returns v, failing the test when the seed has no such record (v is nil).
func must[T any](t *testing.T, v *T, kind, id string) *T {
	t.Helper()
	if v == nil {
		t.Fatalf("%s %s is not in the seed", kind, id)
	}
	return v
}

// batchOrder is the order a batch was delivered against ("" if never delivered).
func (x *seedIndex) batchOrder(b *localregistry.SeedCreditBatch) string {
	if b.DeliveryID == nil {
		return ""
	}
	if d := x.deliveries[*b.DeliveryID]; d != nil {
		return d.OrderID
	}
	return ""
}

// batchesOf returns the IDs of the batches the organisation owns or that were retired on its
// behalf and that keep accepts, sorted by ID (the registry's order is checked separately).
func (x *seedIndex) batchesOf(org string, keep func(b *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool) []string {
	var ids []string
	for _, b := range x.seed.CreditBatches {
		mine := b.OwnerOrganisationID == org
		if !mine && b.Status == client.CreditBatchStatusRetired && b.RetirementID != nil {
			if r := x.retirements[*b.RetirementID]; r != nil && r.BeneficiaryOrganisationID == org {
				mine = true
			}
		}
		if mine && keep(b, x.issuances[b.IssuanceID]) {
			ids = append(ids, b.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// notSplit keeps the batches the registry lists by default (it leaves out split batches).
func notSplit(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
	return b.Status != client.CreditBatchStatusSplit
}

// sumKg is the total size of the credit batches ids.
func (x *seedIndex) sumKg(t *testing.T, ids []string) int64 {
	t.Helper()
	var kg int64
	for _, id := range ids {
		kg += must(t, x.batches[id], "credit batch", id).SizeKg
	}
	return kg
}

// What pagedSeed adds to the demo world: pagedCount records of each kind, more than one page
// (client.MaxPageSize) holds, most of them of a new supplier that has a token of its own.
const (
	pagedCount         = 60
	pagedSupplierID    = "spl_1PAGEDSUPPLIER01"
	pagedSupplierOrgID = "org_1PAGEDSUPPLIER01"
	pagedSupplierToken = "paged-supplier-token"
)

// pagedID builds the i-th generated ID with prefix, e.g. prj_1PAGED0000000007.
func pagedID(prefix string, i int) string { return fmt.Sprintf("%s1PAGED%010d", prefix, i) }

// pagedIDs are the generated IDs with prefix for indexes from..to (inclusive, either direction).
func pagedIDs(prefix string, from, to int) []string {
	var ids []string
	step := 1
	if to < from {
		step = -1
	}
	for i := from; i != to+step; i += step {
		ids = append(ids, pagedID(prefix, i))
	}
	return ids
}

// pagedParts selects what pagedSeed generates.
type pagedParts int

const (
	// pagedCatalog is a new supplier (pagedSupplierID, token pagedSupplierToken) and, for i = 1 to
	// pagedCount: organisation pagedID("org_", i) ("Paged organisation NNN") with a supplier of its
	// own; a project of the new supplier ("Paged project NNN", created a day apart); a document of
	// its first project ("Paged document NNN", added in reverse name order); an issuance (a day
	// apart in 2023) and its one active batch of i t (pagedID("ctb_", i)), owned by the demo buyer.
	// The paged organisations are also the buyer's beneficiaries and transferees, listed before the
	// demo's own: finding those needs more than one page.
	pagedCatalog pagedParts = iota
	// pagedTransactions is pagedCatalog plus, from the new supplier, for i = 1 to pagedCount, at i
	// hours after pagedTxStart and of 10*i+1 kg each: a retirement by the buyer (odd ones on behalf
	// of DemoBeneficiaryOrgID, even ones for itself); a transfer (odd: buyer to partner, even:
	// partner to buyer); a delivery to the buyer against one order (pagedID("ord_", 0)); an order
	// of the buyer (pagedID("ord_", i)). The batches of the i-th retirement, transfer and delivery
	// come from issuance i and are pagedID("ctb_", n) for n = 1000+i, 2000+i and 3000+i.
	// The ICR gets pagedCount retirements of DemoICREntityID with amounts beyond float64 precision.
	pagedTransactions
)

// pagedTxStart is the time of the first record pagedTransactions generates; record i is i hours later.
var pagedTxStart = time.Date(2022, 3, 3, 3, 3, 3, 0, time.UTC)

// pagedSeed is the demo world plus the generated records of parts (see pagedParts).
func pagedSeed(t *testing.T, parts pagedParts) *localregistry.Seed {
	t.Helper()
	s := localregistry.DemoSeed()
	buyer := localregistry.DemoBuyerOrgID
	s.Tokens = append(s.Tokens, &localregistry.SeedToken{Token: pagedSupplierToken, OrganisationID: pagedSupplierOrgID})
	s.Organisations = append(s.Organisations, &localregistry.SeedOrganisation{ID: pagedSupplierOrgID, Name: "Paged Supplier Ltd"})
	s.Suppliers = append(s.Suppliers, &localregistry.SeedSupplier{ID: pagedSupplierID, OrganisationID: pagedSupplierOrgID})
	// batch adds the n-th generated batch, of kg from issuance i.
	batch := func(n, i int, kg int64, owner string) *localregistry.SeedCreditBatch {
		start := int64(n) * 100000
		b := &localregistry.SeedCreditBatch{
			ID: pagedID("ctb_", n), IssuanceID: pagedID("iss_", i), SizeKg: kg, Status: client.CreditBatchStatusActive,
			SerialNumber:        fmt.Sprintf("ISO-1-PAGED-USA-0001-2022-%d-%d", start, start+kg),
			OwnerOrganisationID: owner, RemovalID: pagedID("rem_", n), SequesteredOn: "2022-06-01", CountryOfIssue: "USA",
		}
		s.CreditBatches = append(s.CreditBatches, b)
		return b
	}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var contacts []string
	for i := 1; i <= pagedCount; i++ {
		org := pagedID("org_", i)
		contacts = append(contacts, org)
		s.Organisations = append(s.Organisations, &localregistry.SeedOrganisation{ID: org, Name: fmt.Sprintf("Paged organisation %03d", i)})
		s.Suppliers = append(s.Suppliers, &localregistry.SeedSupplier{ID: pagedID("spl_", i), OrganisationID: org})
		s.Projects = append(s.Projects, &localregistry.SeedProject{
			ID: pagedID("prj_", i), SupplierID: pagedSupplierID, Name: fmt.Sprintf("Paged project %03d", i),
			Status: client.ProjectStatusValidated, ShortCode: fmt.Sprintf("PG%03d", i), URL: "https://registry.isometric.com/project/paged",
			ProcessKey: "paged", Pathway: client.PathwayDirectAirCapture, ProtocolSlug: "direct-air-capture", CountryCode: "USA",
			CreatedAt: base.AddDate(0, 0, i),
		})
		s.ProjectDocuments = append(s.ProjectDocuments, &localregistry.SeedProjectDocument{
			ID: pagedID("doc_", i), ProjectID: pagedID("prj_", 1), DisplayName: fmt.Sprintf("Paged document %03d", pagedCount+1-i),
			URL: fmt.Sprintf("https://registry.isometric.com/documents/paged-%03d.pdf", pagedCount+1-i),
		})
		s.Issuances = append(s.Issuances, &localregistry.SeedIssuance{
			ID: pagedID("iss_", i), SupplierID: pagedSupplierID, ProjectID: pagedID("prj_", 1), IssuedAt: base.AddDate(0, 0, i),
			ReportingPeriodStartAt: "2022-01-01", ReportingPeriodEndAt: "2022-12-31",
		})
		batch(i, i, int64(i)*1000, buyer)
	}
	x := indexSeed(s)
	buyerOrg := must(t, x.orgs[buyer], "organisation", buyer)
	buyerOrg.Beneficiaries = append(append([]string{}, contacts...), buyerOrg.Beneficiaries...)
	buyerOrg.Transferees = append(append([]string{}, contacts...), buyerOrg.Transferees...)

	if parts == pagedTransactions {
		deliveryOrder := pagedID("ord_", 0)
		s.Orders = append(s.Orders, &localregistry.SeedOrder{
			ID: deliveryOrder, SupplierID: pagedSupplierID, BuyerOrganisationID: buyer, EffectiveContractDate: "2022-01-01",
			PlacedAt: pagedTxStart, CreditsOrderedKg: 1_000_000, Status: client.OrderStatusInProgress,
		})
		template := *must(t, x.icrRetirements[localregistry.DemoICRRetirementID], "ICR retirement", localregistry.DemoICRRetirementID)
		for i := 1; i <= pagedCount; i++ {
			at := pagedTxStart.Add(time.Duration(i) * time.Hour)
			kg := int64(i)*10 + 1

			ret := pagedID("ret_", i)
			rb := batch(1000+i, i, kg, buyer)
			rb.Status, rb.RetirementID = client.CreditBatchStatusRetired, &ret
			beneficiary := buyer
			if i%2 == 1 {
				beneficiary = localregistry.DemoBeneficiaryOrgID
			}
			s.Retirements = append(s.Retirements, &localregistry.SeedRetirement{
				ID: ret, OwnerOrganisationID: buyer, BeneficiaryOrganisationID: beneficiary, SupplierID: pagedSupplierID,
				Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}, RetiredAt: at, CreditBatchIDs: []string{rb.ID},
			})

			from, to := buyer, localregistry.DemoPartnerOrgID
			if i%2 == 0 {
				from, to = to, from
			}
			s.Transfers = append(s.Transfers, &localregistry.SeedTransfer{
				ID: pagedID("tfr_", i), FromOrganisationID: from, ToOrganisationID: to, SupplierID: pagedSupplierID,
				TransferredAt: at, CreditBatchIDs: []string{batch(2000+i, i, kg, to).ID},
			})

			dlv := pagedID("dlv_", i)
			db := batch(3000+i, i, kg, buyer)
			db.DeliveryID = &dlv
			s.Deliveries = append(s.Deliveries, &localregistry.SeedDelivery{ID: dlv, OrderID: deliveryOrder, DeliveredAt: at, CreditBatchIDs: []string{db.ID}})

			s.Orders = append(s.Orders, &localregistry.SeedOrder{
				ID: pagedID("ord_", i), SupplierID: pagedSupplierID, BuyerOrganisationID: buyer, EffectiveContractDate: "2022-01-01",
				PlacedAt: at, CreditsOrderedKg: kg, Status: client.OrderStatusPlaced,
			})

			icr := template
			icr.ID = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
			icr.CreatedAt = at.Format("2006-01-02T15:04:05.000Z")
			icr.Serialization = fmt.Sprintf("ICR-PAGED-%d", i)
			icr.Amount = json.Number(fmt.Sprintf("12345678901234567.%03d", i))
			s.ICR.Retirements = append(s.ICR.Retirements, &icr)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("paged seed: %v", err)
	}
	return s
}

// TestTxPagedSeedIsValid builds the largest paged seed: pagedSeed fails the test when the registry would refuse it.
func TestTxPagedSeedIsValid(t *testing.T) {
	s := pagedSeed(t, pagedTransactions)
	if got := len(s.Retirements); got < pagedCount {
		t.Fatalf("pagedSeed(pagedTransactions) has %d retirements, want at least %d", got, pagedCount)
	}
}

// newRecords are the records of all that the registry's seed (seeded, one of its seedIndex maps)
// does not hold: those created since the registry started.
func newRecords[T, S any](all []T, id func(T) string, seeded map[string]*S) []T {
	var out []T
	for _, r := range all {
		if seeded[id(r)] == nil {
			out = append(out, r)
		}
	}
	return out
}

// findRecord returns the record with the given id of a read-only view of the registry (e.g.
// reg.Registry.AllDeliveries()), failing the test if there is none.
func findRecord[T any](t *testing.T, items []T, kind, id string, idOf func(T) string) T {
	t.Helper()
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	t.Fatalf("the local registry has no %s %s", kind, id)
	var zero T
	return zero
}

// registryBatch returns a credit batch of the registry, failing the test if there is none.
func registryBatch(t *testing.T, reg *testRegistry, id string) client.CreditBatch {
	t.Helper()
	b, ok := reg.Registry.CreditBatch(id)
	if !ok {
		t.Fatalf("the local registry has no credit batch %s", id)
	}
	return b
}

// ---- Expected values ----

// stringOrNull expects the string, or null for nil.
func stringOrNull(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

// decimal is the exact decimal s as Terraform holds numbers (512 bits of precision); nil if s is none.
func decimal(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return nil
	}
	return f
}

// decimalCheck expects the number that the decimal s spells exactly.
func decimalCheck(t *testing.T, s string) knownvalue.Check {
	t.Helper()
	f := decimal(s)
	if f == nil {
		t.Fatalf("bad decimal %q", s)
	}
	return knownvalue.NumberExact(f)
}

// exactTonnes is kg ≥ 0 kilograms in tonnes, exactly kg/1000 as Terraform holds the number.
func exactTonnes(kg int64) *big.Float { return decimal(fmt.Sprintf("%d.%03d", kg/1000, kg%1000)) }

// quantityCheck expects a {kg, tonnes} object of kg ≥ 0 kilograms.
func quantityCheck(kg int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"kg":     knownvalue.Int64Exact(kg),
		"tonnes": knownvalue.NumberExact(exactTonnes(kg)),
	})
}

// apiQuantityCheck expects the {kg, tonnes} object of a quantity as the registry sent it.
func apiQuantityCheck(t *testing.T, q client.CreditQuantity) knownvalue.Check {
	t.Helper()
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"kg":     knownvalue.Int64Exact(q.CreditKgs),
		"tonnes": decimalCheck(t, q.Credits.String()),
	})
}

// orgCheck expects an organisation object as the registry sent it.
func orgCheck(o client.Organisation) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":     knownvalue.StringExact(o.ID),
		"name":   knownvalue.StringExact(o.Name),
		"domain": stringOrNull(o.Domain),
	})
}

// seedOrgCheck expects the organisation object of the seed's organisation id.
func seedOrgCheck(t *testing.T, x *seedIndex, id string) knownvalue.Check {
	t.Helper()
	o := must(t, x.orgs[id], "organisation", id)
	return orgCheck(client.Organisation{ID: o.ID, Name: o.Name, Domain: o.Domain})
}

// registryTime renders a seed time the way the registry does (RFC 3339, UTC).
func registryTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// rfc3339Check expects want, and checks that it is an RFC 3339 timestamp.
func rfc3339Check(want string) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		if _, err := time.Parse(time.RFC3339, got); err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", got, err)
		}
		if got != want {
			return fmt.Errorf("got %q, want %q", got, want)
		}
		return nil
	})
}

// knownValueFunc is a knownvalue.Check computed when the check runs.
type knownValueFunc func(any) error

func (f knownValueFunc) CheckValue(v any) error { return f(v) }
func (f knownValueFunc) String() string         { return "computed check" }

// leftChildOf checks a value against the registry's left child of a batch (known after the split).
func leftChildOf(reg *testRegistry, parent string) knownvalue.Check {
	return knownValueFunc(func(v any) error {
		b, _ := reg.Registry.CreditBatch(parent)
		if b.LeftChildID == nil || v != *b.LeftChildID {
			return fmt.Errorf("got %v, want the left child of %s (%s)", v, parent, deref(b.LeftChildID))
		}
		return nil
	})
}

func locationFields(t *testing.T, l *client.Location) knownvalue.Check {
	if l == nil {
		return knownvalue.Null()
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"country_code": knownvalue.StringExact(l.CountryCode),
		"country_name": knownvalue.StringExact(l.CountryName),
		"latitude":     decimalCheck(t, l.Latitude.String()),
		"longitude":    decimalCheck(t, l.Longitude.String()),
		"description":  stringOrNull(l.Description),
	})
}

// supplierFields are the attributes of a supplier (supplierAttrs).
func supplierFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	s := must(t, x.suppliers[id], "supplier", id)
	return map[string]knownvalue.Check{
		"id":                knownvalue.StringExact(s.ID),
		"short_description": stringOrNull(s.ShortDescription),
		"long_description":  stringOrNull(s.LongDescription),
		"organisation":      seedOrgCheck(t, x, s.OrganisationID),
		"location":          locationFields(t, s.Location),
	}
}

// projectFields are the attributes of a project (projectAttrs); the credit totals are summed from
// the seed's batches: issued = original batches (not split children), retired = retired batches.
func projectFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	p := must(t, x.projects[id], "project", id)
	var issued, issuedBuf, retired, retiredBuf int64
	for _, b := range x.seed.CreditBatches {
		if x.issuances[b.IssuanceID].ProjectID != id {
			continue
		}
		if b.ParentID == nil {
			issued += b.SizeKg
			if b.BufferPool {
				issuedBuf += b.SizeKg
			}
		}
		if b.Status == client.CreditBatchStatusRetired {
			retired += b.SizeKg
			if b.BufferPool {
				retiredBuf += b.SizeKg
			}
		}
	}
	return map[string]knownvalue.Check{
		"id":                                knownvalue.StringExact(p.ID),
		"name":                              knownvalue.StringExact(p.Name),
		"status":                            knownvalue.StringExact(string(p.Status)),
		"short_code":                        knownvalue.StringExact(p.ShortCode),
		"url":                               knownvalue.StringExact(p.URL),
		"process_key":                       knownvalue.StringExact(p.ProcessKey),
		"pathway":                           knownvalue.StringExact(string(p.Pathway)),
		"protocol_slug":                     knownvalue.StringExact(p.ProtocolSlug),
		"country_code":                      knownvalue.StringExact(p.CountryCode),
		"validator_name":                    stringOrNull(p.ValidatorName),
		"current_verifier_name":             stringOrNull(p.CurrentVerifierName),
		"crediting_period_start":            stringOrNull(p.CreditingPeriodStart),
		"crediting_period_end":              stringOrNull(p.CreditingPeriodEnd),
		"location":                          locationFields(t, p.Location),
		"supplier":                          knownvalue.ObjectExact(supplierFields(t, x, p.SupplierID)),
		"issued_credits_total":              quantityCheck(issued),
		"issued_buffer_pool_credits_total":  quantityCheck(issuedBuf),
		"retired_credits_total":             quantityCheck(retired),
		"retired_buffer_pool_credits_total": quantityCheck(retiredBuf),
	}
}

// issuanceFields are the attributes of an issuance (issuanceAttrs); totals of its original batches.
func issuanceFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	is := must(t, x.issuances[id], "issuance", id)
	var sup, buf int64
	for _, b := range x.seed.CreditBatches {
		if b.IssuanceID == id && b.ParentID == nil {
			if b.BufferPool {
				buf += b.SizeKg
			} else {
				sup += b.SizeKg
			}
		}
	}
	return map[string]knownvalue.Check{
		"id":                                  knownvalue.StringExact(is.ID),
		"issued_at":                           knownvalue.StringExact(registryTime(is.IssuedAt)),
		"project_id":                          knownvalue.StringExact(is.ProjectID),
		"reporting_period_start_at":           knownvalue.StringExact(is.ReportingPeriodStartAt),
		"reporting_period_end_at":             knownvalue.StringExact(is.ReportingPeriodEndAt),
		"supplier":                            knownvalue.ObjectExact(supplierFields(t, x, is.SupplierID)),
		"credit_batch_size_total":             quantityCheck(sup + buf),
		"supplier_credit_batch_size_total":    quantityCheck(sup),
		"buffer_pool_credit_batch_size_total": quantityCheck(buf),
	}
}

// creditBatchFields are the attributes of a credit batch (creditBatchAttrs).
func creditBatchFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	b := must(t, x.batches[id], "credit batch", id)
	is := x.issuances[b.IssuanceID]
	var deliveredAt, retiredAt, beneficiary knownvalue.Check = knownvalue.Null(), knownvalue.Null(), knownvalue.Null()
	if b.DeliveryID != nil {
		deliveredAt = knownvalue.StringExact(registryTime(must(t, x.deliveries[*b.DeliveryID], "delivery", *b.DeliveryID).DeliveredAt))
	}
	if b.RetirementID != nil {
		r := must(t, x.retirements[*b.RetirementID], "retirement", *b.RetirementID)
		retiredAt, beneficiary = knownvalue.StringExact(registryTime(r.RetiredAt)), seedOrgCheck(t, x, r.BeneficiaryOrganisationID)
	}
	var removal knownvalue.Check = knownvalue.Null()
	if c := b.CarbonRemovalData; c != nil {
		removal = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"gross_carbon_removed_kg": knownvalue.Int64Exact(c.GrossCarbonRemovedKg),
			"net_carbon_removed_kg":   knownvalue.Int64Exact(c.NetCarbonRemovedKg),
			"emissions_kg":            knownvalue.Int64Exact(c.EmissionsKg),
			"counterfactuals_kg":      knownvalue.Int64Exact(c.CounterfactualsKg),
			"losses_kg":               knownvalue.Int64Exact(c.LossesKg),
		})
	}
	return map[string]knownvalue.Check{
		"id":                  knownvalue.StringExact(b.ID),
		"serial_number":       knownvalue.StringExact(b.SerialNumber),
		"status":              knownvalue.StringExact(string(b.Status)),
		"size":                quantityCheck(b.SizeKg),
		"issued_at":           knownvalue.StringExact(registryTime(is.IssuedAt)),
		"retired_at":          retiredAt,
		"delivered_at":        deliveredAt,
		"sequestered_on":      knownvalue.StringExact(b.SequesteredOn),
		"country_of_issue":    knownvalue.StringExact(b.CountryOfIssue),
		"supplier_id":         knownvalue.StringExact(is.SupplierID),
		"project_id":          knownvalue.StringExact(is.ProjectID),
		"issuance_id":         knownvalue.StringExact(b.IssuanceID),
		"removal_id":          knownvalue.StringExact(b.RemovalID),
		"delivery_id":         stringOrNull(b.DeliveryID),
		"retirement_id":       stringOrNull(b.RetirementID),
		"parent_id":           stringOrNull(b.ParentID),
		"left_child_id":       stringOrNull(b.LeftChildID),
		"right_child_id":      stringOrNull(b.RightChildID),
		"owner":               seedOrgCheck(t, x, b.OwnerOrganisationID),
		"beneficiary":         beneficiary,
		"ccp_approved":        knownvalue.Bool(b.CCPApproved),
		"carbon_removal_data": removal,
	}
}

// icrRetirementFields are the attributes of an ICR retirement exactly as the seed holds it.
func icrRetirementFields(t *testing.T, r *localregistry.ICRRetirement) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id":              knownvalue.StringExact(r.ID),
		"serialization":   knownvalue.StringExact(r.Serialization),
		"vintage":         knownvalue.StringExact(r.Vintage),
		"amount":          decimalCheck(t, r.Amount.String()),
		"is_claimed":      knownvalue.Bool(r.IsClaimed),
		"reason":          knownvalue.StringExact(r.Reason),
		"comment":         knownvalue.StringExact(r.Comment),
		"beneficiary":     knownvalue.StringExact(r.Beneficiary),
		"created_at":      knownvalue.StringExact(r.CreatedAt),
		"organization_id": knownvalue.StringExact(r.OrganizationID),
		"project": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":         knownvalue.StringExact(r.Project.ID),
			"full_name":  knownvalue.StringExact(r.Project.FullName),
			"url":        knownvalue.StringExact(r.Project.URL),
			"public_url": knownvalue.StringExact(r.Project.PublicURL),
			"num":        knownvalue.StringExact(r.Project.Num),
		}),
		"organization_owner": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":         knownvalue.StringExact(r.OrganizationOwner.ID),
			"full_name":  knownvalue.StringExact(r.OrganizationOwner.FullName),
			"logo":       knownvalue.StringExact(r.OrganizationOwner.Logo),
			"public_url": knownvalue.StringExact(r.OrganizationOwner.PublicURL),
		}),
	}
}

// creditBatchesCheck expects a credit_batches list of exactly these batches, in order, each as the
// registry reports it now (id, serial number, status, size, issue, owner) plus the attributes
// link returns (e.g. the link to the transaction).
func creditBatchesCheck(t *testing.T, reg *testRegistry, ids []string, link func(b client.CreditBatch) map[string]knownvalue.Check) knownvalue.Check {
	t.Helper()
	checks := make([]knownvalue.Check, 0, len(ids))
	for _, id := range ids {
		b := registryBatch(t, reg, id)
		c := map[string]knownvalue.Check{
			"id":            knownvalue.StringExact(b.ID),
			"serial_number": knownvalue.StringExact(b.SerialNumber),
			"status":        knownvalue.StringExact(string(b.Status)),
			"size":          apiQuantityCheck(t, b.Size),
			"issued_at":     knownvalue.StringExact(b.IssuedAt),
			"supplier_id":   knownvalue.StringExact(b.SupplierID),
			"project_id":    knownvalue.StringExact(b.ProjectID),
			"issuance_id":   knownvalue.StringExact(b.IssuanceID),
			"owner":         orgCheck(b.Owner),
		}
		for k, v := range link(b) {
			c[k] = v
		}
		checks = append(checks, knownvalue.ObjectPartial(c))
	}
	return knownvalue.ListExact(checks)
}

// objectsExact expects a list of exactly these objects, in order.
func objectsExact(objects ...map[string]knownvalue.Check) knownvalue.Check {
	elems := make([]knownvalue.Check, 0, len(objects))
	for _, o := range objects {
		elems = append(elems, knownvalue.ObjectExact(o))
	}
	return knownvalue.ListExact(elems)
}

// ---- State checks ----

// attrPath is the tfjsonpath of a top-level attribute followed by nested object keys.
func attrPath(name string, keys ...string) tfjsonpath.Path {
	p := tfjsonpath.New(name)
	for _, k := range keys {
		p = p.AtMapKey(k)
	}
	return p
}

// expectFields checks top-level attributes of the resource or data source at address, one state
// check per attribute (in name order).
func expectFields(address string, fields map[string]knownvalue.Check) []statecheck.StateCheck {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]statecheck.StateCheck, 0, len(names))
	for _, name := range names {
		out = append(out, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), fields[name]))
	}
	return out
}

// idsCheck expects a list of objects whose `id` attributes are ids; ordered compares the order too.
func idsCheck(ids []string, ordered bool) knownvalue.Check {
	elems := make([]knownvalue.Check, 0, len(ids))
	for _, id := range ids {
		elems = append(elems, knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}))
	}
	if ordered {
		return knownvalue.ListExact(elems)
	}
	return knownvalue.SetExact(elems) // the state JSON of a list is an array too: same elements, any order
}

// expectIDs checks the `id`s of the records in attribute records of a data source.
func expectIDs(address, records string, ids []string, ordered bool) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(records), idsCheck(ids, ordered))
}

// expectCount checks the number of records read and the registry's total_count.
func expectCount(address, records string, read, total int) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New(records), knownvalue.ListSizeExact(read)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New(listTotalCountAttr), knownvalue.Int64Exact(int64(total))),
	}
}

// expectList expects list attribute records of address to hold exactly ids, in order, with
// total_count total.
func expectList(address, records string, ids []string, total int) []statecheck.StateCheck {
	return append(expectCount(address, records, len(ids), total), expectIDs(address, records, ids, true))
}

// expectTotal expects the `total` quantity of a transaction list.
func expectTotal(address string, kg int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("total"), quantityCheck(kg))
}

// pagesFor is the number of pages of client.MaxPageSize holding n records (at least one).
func pagesFor(n int) int {
	if n == 0 {
		return 1
	}
	return (n + client.MaxPageSize - 1) / client.MaxPageSize
}

// indexOf is the index of id in ids (-1 if absent).
func indexOf(ids []string, id string) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// idsOf maps records to their IDs.
func idsOf[T any](items []*T, id func(*T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

// newestFirst orders the records that keep accepts as the registry lists them: most recent first,
// and among equal times the later seed entry first.
func newestFirst[T any](items []*T, keep func(*T) bool, at func(*T) time.Time) []*T {
	var out []*T
	for i := len(items) - 1; i >= 0; i-- {
		if keep(items[i]) {
			out = append(out, items[i])
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return at(out[a]).After(at(out[b])) })
	return out
}

// seedList is one kind of seed record as a list data source reads it: newest first (newestFirst),
// by ID, with the total size of the credit batches each names.
type seedList[T any] struct {
	t *testing.T
	x *seedIndex
	// items are the seed's records of the kind; at is the time the registry orders them by.
	items []*T
	at    func(*T) time.Time
	id    func(*T) string
	// batches (nil where the kind names no credit batches) are the IDs of a record's credit batches.
	batches func(*T) []string
}

// list is the records that keep accepts, in the registry's order.
func (l seedList[T]) list(keep func(*T) bool) []*T { return newestFirst(l.items, keep, l.at) }

// ids are the IDs of xs.
func (l seedList[T]) ids(xs []*T) []string { return idsOf(xs, l.id) }

// sumKg is the total size of the seed's credit batches that xs name.
func (l seedList[T]) sumKg(xs []*T) int64 {
	var kg int64
	for _, x := range xs {
		kg += l.x.sumKg(l.t, l.batches(x))
	}
	return kg
}

// ---- Data source tests ----

// dataBlock renders `data "<typ>" "test" { <body> }`.
func dataBlock(typ, body string) string {
	return fmt.Sprintf("\ndata %q \"test\" {\n%s\n}\n", typ, body)
}

// expectData checks the attribute at path of data.<typ>.test.
func expectData(typ string, path tfjsonpath.Path, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data."+typ+".test", path, check)
}

// readByIDStep reads the by-ID data source typ of id with the buyer's token: checks hold, and nothing is written.
func readByIDStep(reg *testRegistry, typ, id string, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock(typ, fmt.Sprintf("id = %q", id)),
		ConfigStateChecks: checks,
		Check:             reg.expectPOSTs("", 0),
	}
}

// testDataSourceByID runs the error steps every by-ID data source typ of records of kind shares
// (an unknown ID is an error naming the ID and the registry the provider is connected to; a
// malformed ID is rejected statically), then steps.
func testDataSourceByID(t *testing.T, reg *testRegistry, typ, kind, missingID, badID string, steps ...resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock(typ, fmt.Sprintf("id = %q", missingID)),
				ExpectError: errorText(fmt.Sprintf("Cannot read %s %q", kind, missingID), "404 Not Found", "endpoint "+reg.APIEndpoint),
			},
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock(typ, fmt.Sprintf("id = %q", badID)),
				ExpectError: errorText(fmt.Sprintf("Invalid %s ID %q", kind, badID), "starts with", "20 to 37 characters"),
			},
		}, steps...),
	})
}

// missingICRStep is a step reading data source typ (with body) through a provider without ICR
// access: a clear error says how to configure it.
func missingICRStep(reg *testRegistry, typ, body string) resource.TestStep {
	return resource.TestStep{
		Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock(typ, body),
		ExpectError: errorText("ICR access is not configured", "icr", "access_token",
			envICRAccessToken, envICREndpoint),
	}
}

// testOrganisationList reads the list data source typ (attribute records, GET path) of the buyer in
// the paged world, where ids(buyer) holds pagedCount paged organisations plus the demo entries, and
// expects them all in the registry's order, with demoID among them; then with a limit; and the
// demo world's list of the partner.
func testOrganisationList(t *testing.T, typ, records, path, demoID string, ids func(*localregistry.SeedOrganisation) []string) {
	t.Helper()
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	want := ids(must(t, reg.seed.orgs[localregistry.DemoBuyerOrgID], "organisation", localregistry.DemoBuyerOrgID))
	if len(want) <= pagedCount || indexOf(want, demoID) < 0 {
		t.Fatalf("the seed gives the buyer %d %s, want more than %d including %s", len(want), records, pagedCount, demoID)
	}
	addr := "data." + typ + "."
	checks := append(expectList(addr+"all", records, want, len(want)),
		statecheck.ExpectKnownValue(addr+"all", tfjsonpath.New(records), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(want, demoID): seedOrgCheck(t, reg.seed, demoID),
			len(want) - 1:         seedOrgCheck(t, reg.seed, want[len(want)-1]),
		})),
	)

	partnerReg := newTestRegistry(t, nil)
	partner := ids(must(t, partnerReg.seed.orgs[localregistry.DemoPartnerOrgID], "organisation", localregistry.DemoPartnerOrgID))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Another organisation, another list (possibly empty: that is not an error).
			Config:            partnerReg.ProviderConfig(localregistry.DemoPartnerToken) + dataBlock(typ, ""),
			ConfigStateChecks: expectList("data."+typ+".test", records, partner, len(partner)),
		}, {
			PreConfig:         resetRequests(reg),
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + "\ndata \"" + typ + "\" \"all\" {}\n",
			ConfigStateChecks: checks,
			Check:             resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 0), checkPages(reg, path, url.Values{}, pagesFor(len(want)))),
		}, {
			PreConfig:         resetRequests(reg),
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + "\ndata \"" + typ + "\" \"limited\" {\n  limit = 2\n}\n",
			ConfigStateChecks: expectList(addr+"limited", records, want[:2], len(want)),
			Check:             checkPages(reg, path, url.Values{}, 1),
		}},
	})
}

// ---- Resource tests ----

// API paths of the retirement POSTs.
const (
	retirementsPath = "/retirements"
	oldestFirstPath = "/retirements/from_oldest_credits"
)

// resourceIDFromState returns the ID of the resource at addr in the Terraform state.
func resourceIDFromState(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// oneBatch is a credit_batch_quantities of kg from the one batch id.
func oneBatch(id string, kg int64) []client.CreditBatchQuantity {
	return []client.CreditBatchQuantity{{CreditBatchID: id, CreditQuantityKg: kg}}
}

// batchQuantitiesHCL is the credit_batch_quantities argument of a resource block, one line a batch.
func batchQuantitiesHCL(batches []client.CreditBatchQuantity) string {
	var b strings.Builder
	b.WriteString("  credit_batch_quantities = [\n")
	for _, q := range batches {
		fmt.Fprintf(&b, "    { credit_batch_id = %q, credit_quantity_kg = %d },\n", q.CreditBatchID, q.CreditQuantityKg)
	}
	b.WriteString("  ]\n")
	return b.String()
}

// configErrorCase is a configuration of a resource, by its arguments, that fails with the error text want.
type configErrorCase[A any] struct {
	name string
	args A
	want string // the error text, whatever its line wrapping (errorText)
}

// testConfigErrors applies config(reg, args) of each case in a subtest against a registry of its
// own: it fails with the case's error text, and the registry never receives a POST.
func testConfigErrors[A any](t *testing.T, config func(*testRegistry, A) string, cases []configErrorCase[A]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: config(reg, c.args), ExpectError: errorText(c.want)}},
			})
			reg.assertPOSTs(t, "", 0)
		})
	}
}

// transactionLifecycleCase is one transaction resource's part of testTransactionLifecycle.
type transactionLifecycleCase struct {
	// addr is the resource's address; post the API path of its create request, e.g. "/transfers";
	// records names its records in failure messages, e.g. "transfers".
	addr, post, records string
	// config is the configuration of the one resource in reg.
	config func(reg *testRegistry) string
	// stateChecks check the recorded resource in the state.
	stateChecks func(reg *testRegistry) []statecheck.StateCheck
	// inRegistry checks the registry after the create: exactly one new record, the one in state.
	inRegistry func(reg *testRegistry) resource.TestCheckFunc
	// newRecords counts the registry's records of the kind other than the seed's.
	newRecords func(reg *testRegistry) int
	// changes are steps that change an argument of the recorded resource, each expecting its error.
	changes func(reg *testRegistry) []resource.TestStep
	// notFound is the error of a refresh against a registry without the record.
	notFound *regexp.Regexp
}

// testTransactionLifecycle creates a transaction resource with one POST, plans no change after it,
// imports it (verified, and by an import block with the same configuration: no change), rejects
// the c.changes, fails to refresh against another registry (which receives no POST), plans no
// change with the same state checks again, and on destroy leaves the registry's record in place.
func testTransactionLifecycle(t *testing.T, c transactionLifecycleCase) {
	t.Helper()
	reg := newTestRegistry(t, nil)
	reg2 := newTestRegistry(t, nil)
	config := c.config(reg)
	emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

	steps := []resource.TestStep{
		{
			Config:            config,
			ConfigStateChecks: c.stateChecks(reg),
			Check:             resource.ComposeTestCheckFunc(c.inRegistry(reg), reg.expectPOSTs(c.post, 1)),
		},
		{
			Config:           config,
			ConfigPlanChecks: emptyPlan,
			Check:            reg.expectPOSTs(c.post, 1),
		},
		// The registry records the left child of a split batch: the import holds it in credit_batch_quantities.
		{
			ResourceName:            c.addr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"credit_batch_quantities", "timeouts"},
		},
		// With the configuration naming the parent batch, the import plans no change.
		{
			Config:          config,
			ResourceName:    c.addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
	}
	steps = append(steps, c.changes(reg)...)
	steps = append(steps,
		resource.TestStep{
			Config:      strings.Replace(config, reg.APIEndpoint, reg2.APIEndpoint, 1),
			ExpectError: c.notFound,
		},
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  emptyPlan,
			ConfigStateChecks: c.stateChecks(reg),
			Check:             reg.expectPOSTs(c.post, 1),
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := c.newRecords(reg); n != 1 {
				return fmt.Errorf("after destroy the registry has %d new %s, want 1 (destroy must not undo)", n, c.records)
			}
			return reg.expectPOSTs(c.post, 1)(nil)
		},
		Steps: steps,
	})
	reg2.assertPOSTs(t, "", 0)
}

// ambiguousPostCase is one resource's part of the ambiguous-POST fault matrix (see testAmbiguousPost).
type ambiguousPostCase struct {
	// post is the API path of the create request, e.g. "/deliveries" (under /registry/v0).
	post string
	// notCommitted is the error text of the apply that got a 503 before the commit.
	notCommitted string
	// world prepares a fresh registry (before any fault is set) and returns what to apply and check there.
	world func(reg *testRegistry) ambiguousPostWorld
}

// ambiguousPostWorld is what testAmbiguousPost applies and checks in one registry.
type ambiguousPostWorld struct {
	// config is the configuration of the one resource under test.
	config string
	// stateChecks (may be nil) check the recorded resource in the state after each successful apply.
	stateChecks []statecheck.StateCheck
	// inRegistry checks the registry after each successful apply: exactly one new record, the one in state.
	inRegistry resource.TestCheckFunc
	// untouched reports (t.Error) what a 503 before the commit left behind: no new record, batches as they were.
	untouched func(t *testing.T)
	// afterRetry (may be nil) checks the registry once the apply after the 503 has succeeded.
	afterRetry func(t *testing.T)
}

// batchesUnchanged is the error text of a create that got a 503 before the registry committed it.
const batchesUnchanged = "The registry shows that nothing was committed: every requested credit batch is unchanged"

// testAmbiguousPost runs the ambiguous-POST fault matrix on one resource, each fault in its own
// registry. A create the registry committed but did not answer (500 after commit, connection dropped
// after commit) is found and recorded after one POST, and the next plan is empty (nothing sent again).
// A 503 before the commit fails the apply with c.notCommitted and leaves nothing behind (one POST);
// once the fault is gone, applying again creates exactly one record (two POSTs in all).
func testAmbiguousPost(t *testing.T, c ambiguousPostCase) {
	t.Helper()
	path := registryPath(c.post)
	// posts checks the POSTs on the create path and, as no other POST is expected, on any path.
	posts := func(reg *testRegistry, n int) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs(c.post, n), reg.expectPOSTs("", n))
	}
	committed := map[string]localregistry.Fault{
		"500 after commit":     {Method: "POST", Path: path, StatusAfterCommit: 500, Times: 1},
		"dropped after commit": {Method: "POST", Path: path, DropAfterCommit: true, Times: 1},
	}
	for name, fault := range committed {
		t.Run(name, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			w := c.world(reg)
			reg.Registry.AddFault(fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:            w.config,
						ConfigStateChecks: w.stateChecks,
						Check:             resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 1)),
					},
					{
						Config:           w.config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						Check:            resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 1)),
					},
				},
			})
		})
	}
	t.Run("503 before commit", func(t *testing.T) {
		reg := newTestRegistry(t, nil)
		w := c.world(reg)
		reg.Registry.AddFault(localregistry.Fault{Method: "POST", Path: path, Status: 503})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      w.config,
					ExpectError: errorText(c.notCommitted),
				},
				{
					PreConfig: func() {
						w.untouched(t)
						reg.assertPOSTs(t, c.post, 1)
						reg.assertPOSTs(t, "", 1)
						reg.Registry.ClearFaults()
					},
					Config:            w.config,
					ConfigStateChecks: w.stateChecks,
					Check:             resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 2)),
				},
			},
		})
		if w.afterRetry != nil {
			w.afterRetry(t)
		}
	})
}

// ---- Identity, list resources and generated configuration (Terraform 1.12 and 1.14) ----

// needsTerraform skips a test on CLIs older than min (OpenTofu 1.10 included): feature names what
// the test needs, and the message says where it runs (the Terraform 1.14 leg of .ci/run).
func needsTerraform(minimum *version.Version, feature string) tfversion.TerraformVersionCheck {
	return terraformAtLeast{minimum: minimum, feature: feature}
}

type terraformAtLeast struct {
	minimum *version.Version
	feature string
}

func (c terraformAtLeast) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if req.TerraformVersion.Core().LessThan(c.minimum) {
		resp.Skip = fmt.Sprintf("%s needs Terraform %s or later, this CLI reports %s: skipped "+
			"(make testacc-matrix and .ci/run run it on the Terraform of the CLI matrix, see scripts/lib.sh)",
			c.feature, c.minimum, req.TerraformVersion)
	}
}

// Version checks of the tests of identities (import blocks with identity: Terraform 1.12) and of
// list resources and generated configuration (terraform query and the GenerateResourceConfig call:
// Terraform 1.14).
var (
	identityCLI     = []tfversion.TerraformVersionCheck{needsTerraform(tfversion.Version1_12_0, "Resource identity (import blocks with identity)")}
	queryCLI        = []tfversion.TerraformVersionCheck{needsTerraform(tfversion.Version1_14_0, "terraform query (list resources)")}
	generatedConfig = []tfversion.TerraformVersionCheck{needsTerraform(tfversion.Version1_14_0, "Configuration generated by the provider (GenerateResourceConfig)")}
)

// identityIs expects the identity of the resource at address: its registry ID as in its state
// and, when extra is given, those identity attributes too.
func identityIs(address string, extra map[string]knownvalue.Check) []statecheck.StateCheck {
	checks := []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("id"))}
	if extra != nil {
		checks = append(checks, statecheck.ExpectIdentity(address, extra))
	}
	return checks
}

// queryIDs is a query check: the results of the list block listAddr (e.g.
// "isometric_retirement.mine") have exactly the identities with these IDs, in this order.
func queryIDs(listAddr string, ids []string) querycheck.QueryResultCheck {
	return queryIDsCheck{addr: listAddr, ids: ids}
}

type queryIDsCheck struct {
	addr string
	ids  []string
}

func (c queryIDsCheck) CheckQuery(_ context.Context, req querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	var got []string
	for _, r := range req.Query {
		if strings.TrimPrefix(r.Address, "list.") != c.addr {
			continue
		}
		id, _ := r.Identity["id"].(string)
		got = append(got, id)
	}
	if !reflect.DeepEqual(got, c.ids) && (len(got) != 0 || len(c.ids) != 0) {
		resp.Error = fmt.Errorf("list.%s: got %d results %v, want %d %v", c.addr, len(got), got, len(c.ids), c.ids)
	}
}

// listBlock renders `list "<typ>" "<name>" { ... }` of a query file: include_resource and limit
// when set, and config with the filters (attribute lines) when given.
func listBlock(typ, name string, includeResource bool, limit int, filters string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "list %q %q {\n  provider = isometric\n", typ, name)
	if includeResource {
		b.WriteString("  include_resource = true\n")
	}
	if limit > 0 {
		fmt.Fprintf(&b, "  limit = %d\n", limit)
	}
	if filters != "" {
		fmt.Fprintf(&b, "  config {\n%s\n  }\n", filters)
	}
	b.WriteString("}\n")
	return b.String()
}

// queryCase is a test case that runs query steps: the first step applies the provider block of reg
// acting as the demo buyer (a query needs a configuration beside its query file), then steps.
func queryCase(reg *testRegistry, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		TerraformVersionChecks:   queryCLI,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    append([]resource.TestStep{{Config: reg.ProviderConfig(localregistry.DemoBuyerToken)}}, steps...),
	}
}

// terraformCLIPath is the CLI the acceptance tests run (TF_ACC_TERRAFORM_PATH, else terraform on PATH).
func terraformCLIPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("no terraform CLI: %v", err)
	}
	return p
}

// providerAddress is the provider's source address in the configurations of cliWorkspace.
const providerAddress = "registry.terraform.io/isometric/isometric"

// serveProvider serves the provider in-process, as terraform-plugin-testing does, for CLI commands
// a test runs itself (cliWorkspace); it stops when the test ends.
func serveProvider(t *testing.T) tfexec.ReattachInfo {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configs := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(providerAddress, ProtocolV6Server("test"), tf6server.WithDebug(ctx, configs, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()), tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-configs:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the provider server did not start")
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	return tfexec.ReattachInfo{providerAddress: tfexec.ReattachConfig{
		Protocol: string(rc.Protocol), ProtocolVersion: rc.ProtocolVersion, Pid: rc.Pid, Test: true,
		Addr: tfexec.ReattachConfigAddr{Network: rc.Addr.Network(), String: rc.Addr.String()},
	}}
}

// cliWorkspace is a working directory with the provider served in-process, for the CLI commands
// terraform-plugin-testing has no step for (terraform query -generate-config-out).
type cliWorkspace struct {
	t        *testing.T
	dir      string
	tf       *tfexec.Terraform
	reattach tfexec.ReattachInfo
}

// skipUnlessAcceptance skips a test that runs the CLI itself unless TF_ACC is set, as
// terraform-plugin-testing skips acceptance tests.
func skipUnlessAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("Acceptance tests skipped unless env 'TF_ACC' set")
	}
}

// newCLIWorkspace writes config (the provider block and whatever else; the required_providers
// block is added) into a new directory, with files (name -> content, e.g. a query file), and runs
// terraform init. It skips the test on CLIs older than minimum.
func newCLIWorkspace(t *testing.T, minimum *version.Version, feature, config string, files map[string]string) *cliWorkspace {
	t.Helper()
	dir := t.TempDir()
	tf, err := tfexec.NewTerraform(dir, terraformCLIPath(t))
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := tf.Version(context.Background(), true)
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var resp tfversion.CheckTerraformVersionResponse
	needsTerraform(minimum, feature).CheckTerraformVersion(context.Background(), tfversion.CheckTerraformVersionRequest{TerraformVersion: v}, &resp)
	if resp.Skip != "" {
		t.Skip(resp.Skip)
	}
	files = maps.Clone(files)
	if files == nil {
		files = map[string]string{}
	}
	files["main.tf"] = fmt.Sprintf("terraform {\n  required_providers {\n    isometric = { source = %q }\n  }\n}\n", providerAddress) + config
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := &cliWorkspace{t: t, dir: dir, tf: tf, reattach: serveProvider(t)}
	if err := tf.Init(context.Background(), tfexec.Reattach(w.reattach)); err != nil {
		t.Fatalf("terraform init: %v", err)
	}
	return w
}

// generatedFile is where query writes the configuration it generates.
const generatedFile = "adopt.tf"

// query runs terraform query -generate-config-out=adopt.tf and fails the test on any error
// diagnostic.
func (w *cliWorkspace) query() {
	w.t.Helper()
	msgs, err := w.tf.QueryJSON(context.Background(), tfexec.GenerateConfigOut(generatedFile), tfexec.Reattach(w.reattach))
	if err != nil {
		w.t.Fatalf("terraform query: %v", err)
	}
	for m := range msgs {
		if m.Err != nil {
			w.t.Fatalf("terraform query: %v", m.Err)
		}
		if m.Msg != nil && m.Msg.Level() == tfjson.Error {
			w.t.Fatalf("terraform query: %s", m.Msg.Message())
		}
	}
}

// plan runs terraform plan into a plan file and returns the plan.
func (w *cliWorkspace) plan() *tfjson.Plan {
	w.t.Helper()
	if _, err := w.tf.Plan(context.Background(), tfexec.Out("tfplan"), tfexec.Reattach(w.reattach)); err != nil {
		w.t.Fatalf("terraform plan: %v", err)
	}
	p, err := w.tf.ShowPlanFile(context.Background(), "tfplan", tfexec.Reattach(w.reattach))
	if err != nil {
		w.t.Fatalf("terraform show: %v", err)
	}
	return p
}

// apply applies the plan file of the last plan.
func (w *cliWorkspace) apply() {
	w.t.Helper()
	if err := w.tf.Apply(context.Background(), tfexec.DirOrPlan("tfplan"), tfexec.Reattach(w.reattach)); err != nil {
		w.t.Fatalf("terraform apply: %v", err)
	}
}

// state is the state after the last apply.
func (w *cliWorkspace) state() *tfjson.State {
	w.t.Helper()
	s, err := w.tf.Show(context.Background(), tfexec.Reattach(w.reattach))
	if err != nil {
		w.t.Fatalf("terraform show: %v", err)
	}
	return s
}

// setGenerated replaces the generated configuration (as a user edits it).
func (w *cliWorkspace) setGenerated(content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, generatedFile), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// generated returns the generated configuration.
func (w *cliWorkspace) generated() string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, generatedFile))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}

// registryClient is an API client of reg acting with token, for records made outside Terraform;
// it never retries.
func registryClient(t *testing.T, reg *testRegistry, token string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: reg.APIEndpoint, ClientSecret: reg.clientSecret, AccessToken: token,
		MaxRetries: -1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// madeOutside is what madeOutsideTerraform made in a demo registry, as the dashboard would.
type madeOutside struct {
	byBatch, oldestFirst *client.Retirement
	transfer             *client.Transfer
	delivery             *client.Delivery
	individual           *client.Organisation
}

// madeOutsideTerraform makes, through the API as the dashboard would, a retirement of part of a
// batch (with notes), an oldest-first retirement of one vintage, a transfer to the partner and an
// individual beneficiary for the demo buyer, and a delivery of supplier A to the buyer (order A2).
func madeOutsideTerraform(t *testing.T, reg *testRegistry) madeOutside {
	t.Helper()
	ctx := context.Background()
	buyer, supplierA := registryClient(t, reg, localregistry.DemoBuyerToken), registryClient(t, reg, localregistry.DemoSupplierAToken)
	notes := "Retired in the dashboard"
	var m madeOutside
	var err error
	check := func(what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("making %s outside Terraform: %v", what, err)
		}
	}
	m.byBatch, err = buyer.CreateRetirement(ctx, client.CreateRetirementByBatchRequest{
		OwnerOrganisationID: localregistry.DemoBuyerOrgID, BeneficiaryOrganisationID: localregistry.DemoBeneficiaryOrgID,
		SupplierID: localregistry.DemoSupplierAID, CreditBatchQuantities: oneBatch(localregistry.DemoBatchA1Buyer2, 2500), Notes: &notes,
		RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposePublicEnvironmentalClaims},
	})
	check("a retirement by batch")
	vintage := int64(2025)
	m.oldestFirst, err = buyer.CreateRetirementFromOldestCredits(ctx, client.CreateRetirementOldestCreditsRequest{
		OwnerOrganisationID: localregistry.DemoBuyerOrgID, BeneficiaryOrganisationID: localregistry.DemoBuyerOrgID,
		SupplierID: localregistry.DemoSupplierAID, CreditQuantityKg: 1500, Vintage: &vintage,
		RetirementPurposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets, client.RetirementPurposeInsetting},
	})
	check("an oldest-first retirement")
	m.transfer, err = buyer.CreateTransfer(ctx, client.CreateTransferRequest{
		FromOrganisationID: localregistry.DemoBuyerOrgID, ToOrganisationID: localregistry.DemoPartnerOrgID,
		SupplierID: localregistry.DemoSupplierBID, CreditBatchQuantities: oneBatch(localregistry.DemoBatchB1Buyer1, 3000),
	})
	check("a transfer")
	m.individual, err = buyer.CreateBeneficiary(ctx, client.CreateBeneficiaryRequest{BeneficiaryName: "Jane Adopted", BeneficiaryEmail: "jane.adopted@example.com"})
	check("an individual beneficiary")
	m.delivery, err = supplierA.CreateDelivery(ctx, client.CreateDeliveryRequest{
		OrderID: localregistry.DemoOrderA2ID, CreditBatchQuantities: oneBatch(localregistry.DemoBatchA2Supplier2, 5000),
	})
	check("a delivery")
	reg.Registry.ResetRequests()
	return m
}

// pageSizes are the page sizes (`first`) of the registry's GETs of path with exactly the filter
// query, in the order it received them.
func pageSizes(reg *testRegistry, path string, filter url.Values) []string {
	var out []string
	for _, r := range reg.Registry.Requests() {
		if r.Method != "GET" || r.Path != path {
			continue
		}
		q, _ := url.ParseQuery(r.Query)
		first := q.Get("first")
		q.Del("first")
		q.Del("after")
		if queryEqual(q, filter) {
			out = append(out, first)
		}
	}
	return out
}

// identityCase is one resource's part of testIdentity and testGeneratedConfig.
type identityCase struct {
	// addr is the resource's address (TYPE.test); config the configuration of it alone in reg.
	addr   string
	config func(reg *testRegistry) string
	// identity optionally checks the identity beyond its id matching the state's.
	identity map[string]knownvalue.Check
	// post is the API path of the create request, e.g. "/transfers".
	post string
}

// testIdentity (Terraform 1.12 and later) creates the resource with one POST: its identity is
// its registry ID (plus c.identity); an import block with that identity and the same
// configuration plans a no-op import with the same identity; an identity with another kind of ID
// is refused before any request; nothing else is posted.
func testIdentity(t *testing.T, c identityCase) {
	t.Helper()
	reg := newTestRegistry(t, nil)
	config := c.config(reg)
	typ := strings.Split(c.addr, ".")[0]
	spec := map[string]*transactionSpec{"isometric_retirement": &retirementSpec, "isometric_transfer": &transferSpec,
		"isometric_delivery": &deliverySpec, "isometric_beneficiary": &beneficiarySpec}[typ]
	wrong := "tfr_1FJGWSY271S0QSMR"
	if spec == &transferSpec {
		wrong = "ret_1FJGWSY271S0QSMR"
	}
	// The same resource block renamed, imported by an identity that is not one of its IDs.
	other := strings.Replace(config, `resource "`+typ+`" "test"`, `resource "`+typ+`" "other"`, 1)
	other = other[:strings.Index(other, `resource "`+typ+`"`)] + fmt.Sprintf("import {\n  to       = %s.other\n  identity = { id = %q }\n}\n", typ, wrong) +
		other[strings.Index(other, `resource "`+typ+`"`):]
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   identityCLI,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: identityIs(c.addr, c.identity),
				Check:             reg.expectPOSTs(c.post, 1),
			},
			{
				Config:          config,
				ResourceName:    c.addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config: other,
				ExpectError: errorText(fmt.Sprintf("Invalid %s identity %q", spec.Noun, wrong), "The identity of", "is its registry ID",
					fmt.Sprintf(`identity = { id = "%s1FYBH4QDT1S0SVKF" }`, spec.IDPrefix)),
			},
			{
				Config:            config,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: identityIs(c.addr, c.identity),
				Check:             resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs(c.post, 1), reg.expectPOSTs("", 1)),
			},
		},
	})
}

// testGeneratedConfig (Terraform 1.14 and later) creates the resource, then imports it into
// TYPE.generated by ID and by identity with `terraform plan -generate-config-out`: the generated
// configuration passes the resource's validation and the plan is a no-op import (nothing else is
// posted).
func testGeneratedConfig(t *testing.T, c identityCase) {
	t.Helper()
	reg := newTestRegistry(t, nil)
	config := c.config(reg)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   generatedConfig,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: reg.expectPOSTs(c.post, 1)},
			{Config: config, ResourceName: c.addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true},
			{Config: config, ResourceName: c.addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs(c.post, 1), reg.expectPOSTs("", 1))},
		},
	})
}

// exampleFile is a file of examples/ (path relative to it) with the documentation's IDs replaced
// by the local registry's (old, new pairs).
func exampleFile(t *testing.T, path string, ids ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(ids...).Replace(string(b))
}

// exampleOrganisation is the documentation's "your organisation" in the list resources' examples
// and the adoption guide.
const exampleOrganisation = "org_1B7YQ2N5D1S0K3HT"

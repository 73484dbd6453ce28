package provider

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Test helpers shared by the tests of the data sources built on list_data_source.go: an index of
// a seed to compute expected values from, a seed with more records than one page holds, and
// state checks for lists of records.

// seedIndex indexes a seed by ID, to compute the values the registry must report.
type seedIndex struct {
	seed        *localregistry.Seed
	orgs        map[string]*localregistry.SeedOrganisation
	suppliers   map[string]*localregistry.SeedSupplier
	projects    map[string]*localregistry.SeedProject
	issuances   map[string]*localregistry.SeedIssuance
	batches     map[string]*localregistry.SeedCreditBatch
	deliveries  map[string]*localregistry.SeedDelivery
	retirements map[string]*localregistry.SeedRetirement
}

func indexSeed(s *localregistry.Seed) *seedIndex {
	return &seedIndex{seed: s,
		orgs:        byID(s.Organisations, func(o *localregistry.SeedOrganisation) string { return o.ID }),
		suppliers:   byID(s.Suppliers, func(o *localregistry.SeedSupplier) string { return o.ID }),
		projects:    byID(s.Projects, func(o *localregistry.SeedProject) string { return o.ID }),
		issuances:   byID(s.Issuances, func(o *localregistry.SeedIssuance) string { return o.ID }),
		batches:     byID(s.CreditBatches, func(o *localregistry.SeedCreditBatch) string { return o.ID }),
		deliveries:  byID(s.Deliveries, func(o *localregistry.SeedDelivery) string { return o.ID }),
		retirements: byID(s.Retirements, func(o *localregistry.SeedRetirement) string { return o.ID }),
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

// must returns v, failing the test when the seed has no such record.
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

// sumKg sums the sizes of the batches.
func (x *seedIndex) sumKg(ids []string) int64 {
	var kg int64
	for _, id := range ids {
		kg += x.batches[id].SizeKg
	}
	return kg
}

// notSplit keeps the batches the registry lists by default (it leaves out split batches).
func notSplit(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
	return b.Status != client.CreditBatchStatusSplit
}

// quantityCheck expects a {kg, tonnes} object.
func quantityCheck(kg int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"kg":     knownvalue.Int64Exact(kg),
		"tonnes": knownvalue.NumberExact(tonnesFromKg(kg)),
	})
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

// checkIssuedOrder checks that the records' issued_at are in ascending (asc) or descending order.
func checkIssuedOrder(address, records string, asc bool) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[address]
		if rs == nil {
			return fmt.Errorf("%s not in state", address)
		}
		n, _ := strconv.Atoi(rs.Primary.Attributes[records+".#"])
		var prev time.Time
		for i := 0; i < n; i++ {
			at, err := time.Parse(time.RFC3339, rs.Primary.Attributes[fmt.Sprintf("%s.%d.issued_at", records, i)])
			if err != nil {
				return fmt.Errorf("%s.%d.issued_at: %v", records, i, err)
			}
			if i > 0 && ((asc && at.Before(prev)) || (!asc && at.After(prev))) {
				return fmt.Errorf("%s.%d.issued_at %s is out of order after %s (ascending: %v)", records, i, at, prev, asc)
			}
			prev = at
		}
		return nil
	}
}

// checkPages checks that every read of the list with exactly the filter query walked pages pages
// of client.MaxPageSize: each read starts without a cursor and follows pages-1 cursors.
func checkPages(reg *testRegistry, path string, filter url.Values, pages int) func(*terraform.State) error {
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

// Records the paged seed adds to the demo world: more than one page of each kind.
const (
	pagedCount         = 60
	pagedSupplierID    = "spl_1PAGEDSUPPLIER01"
	pagedSupplierOrgID = "org_1PAGEDSUPPLIER01"
	pagedSupplierToken = "paged-supplier-token"
)

// pagedID builds the i-th generated ID with prefix, e.g. prj_1PAGED0000000007.
func pagedID(prefix string, i int) string { return fmt.Sprintf("%s1PAGED%010d", prefix, i) }

// pagedSeed is the demo world plus, for a new supplier (pagedSupplierID, token
// pagedSupplierToken), pagedCount of each: suppliers (other ones), projects (named
// "Paged project NNN", created a day apart), documents of its first project ("Paged document
// NNN", added in reverse name order), issuances (a day apart in 2023) and one active 1..60 t batch per
// issuance, owned by the demo buyer (so that each has its own issue time).
func pagedSeed(t *testing.T) *localregistry.Seed {
	t.Helper()
	s := localregistry.DemoSeed().Clone()
	s.Tokens = append(s.Tokens, &localregistry.SeedToken{Token: pagedSupplierToken, OrganisationID: pagedSupplierOrgID})
	s.Organisations = append(s.Organisations, &localregistry.SeedOrganisation{ID: pagedSupplierOrgID, Name: "Paged Supplier Ltd"})
	s.Suppliers = append(s.Suppliers, &localregistry.SeedSupplier{ID: pagedSupplierID, OrganisationID: pagedSupplierOrgID})
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= pagedCount; i++ {
		org := pagedID("org_", i)
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
		start := int64(i) * 100000
		s.CreditBatches = append(s.CreditBatches, &localregistry.SeedCreditBatch{
			ID: pagedID("ctb_", i), IssuanceID: pagedID("iss_", i), SizeKg: int64(i) * 1000, Status: client.CreditBatchStatusActive,
			SerialNumber:        fmt.Sprintf("ISO-1-PAGED-USA-0001-2022-%d-%d", start, start+int64(i)*1000),
			OwnerOrganisationID: localregistry.DemoBuyerOrgID, RemovalID: pagedID("rem_", i), SequesteredOn: "2022-06-01", CountryOfIssue: "USA",
		})
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("paged seed: %v", err)
	}
	return s
}

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

// errorFor builds an ExpectError regexp from literal fragments, in order, across line breaks
// (Terraform wraps long error lines).
func errorFor(fragments ...string) *regexp.Regexp {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

func TestQuotedList(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "`a`", "a,b": "`a` or `b`", "a,b,c": "`a`, `b` or `c`"} {
		var values []string
		if in != "" {
			values = strings.Split(in, ",")
		}
		if got := quotedList(values); got != want {
			t.Errorf("quotedList(%q) = %q, want %q", values, got, want)
		}
	}
}

func TestCheckRFC3339(t *testing.T) {
	for _, ok := range []string{"2025-01-01T00:00:00Z", "2025-06-30T12:30:00+01:00", "2025-01-01T00:00:00.123Z"} {
		if err := checkRFC3339(ok); err != nil {
			t.Errorf("checkRFC3339(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"2025-01-01", "2025-01-01T00:00:00", "yesterday", "2025-13-01T00:00:00Z"} {
		if err := checkRFC3339(bad); err == nil {
			t.Errorf("checkRFC3339(%q) = nil, want an error", bad)
		}
	}
}

// TestSpecDataSourceSchemas checks every registered data source built with newDataSource or
// listDataSource: a valid schema, a MarkdownDescription on it and on every attribute (nested ones
// too), and for lists the `limit` argument and `total_count` result.
func TestSpecDataSourceSchemas(t *testing.T) {
	ctx := context.Background()
	seen := 0
	for _, newDS := range dataSources() {
		d, ok := newDS().(*specDataSource)
		if !ok {
			continue
		}
		seen++
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: invalid schema: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", meta.TypeName)
		}
		checkDescriptions(t, meta.TypeName, resp.Schema.Attributes)
		if _, isList := resp.Schema.Attributes[listLimitAttr]; isList {
			if _, ok := resp.Schema.Attributes[listTotalCountAttr]; !ok {
				t.Errorf("%s has limit but no total_count", meta.TypeName)
			}
		}
	}
	if seen < 10 {
		t.Errorf("only %d data sources are built on the machinery; want at least the 10 of list_data_source.go's first users", seen)
	}
}

func checkDescriptions(t *testing.T, prefix string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case dsschema.SingleNestedAttribute:
			checkDescriptions(t, prefix+"."+name, n.Attributes)
		case dsschema.ListNestedAttribute:
			checkDescriptions(t, prefix+"."+name, n.NestedObject.Attributes)
		}
	}
}

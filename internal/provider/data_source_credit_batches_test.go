package provider

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// batchesChecks expects exactly the batches ids (any order) and their total size.
func batchesChecks(t *testing.T, x *seedIndex, address string, ids []string) []statecheck.StateCheck {
	kg := x.sumKg(t, ids)
	return append(expectCount(address, "credit_batches", len(ids), len(ids)),
		expectIDs(address, "credit_batches", ids, false),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("total_kg"), knownvalue.Int64Exact(kg)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("total_tonnes"), knownvalue.NumberExact(exactTonnes(kg))),
	)
}

// TestAccDataSourceCreditBatches_filters reads the demo buyer's batches with each filter of
// GET /organisations/{id}/credit_batches and compares them with the demo seed.
func TestAccDataSourceCreditBatches_filters(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	buyer := localregistry.DemoBuyerOrgID
	issA1 := must(t, x.issuances[localregistry.DemoIssuanceA1ID], "issuance", localregistry.DemoIssuanceA1ID)
	issB1 := must(t, x.issuances[localregistry.DemoIssuanceB1ID], "issuance", localregistry.DemoIssuanceB1ID)
	after, before := issA1.IssuedAt.UTC().Format(time.RFC3339), issB1.IssuedAt.UTC().Format(time.RFC3339)
	ptrIs := func(p *string, v string) bool { return p != nil && *p == v }
	hasStatus := func(ss ...client.CreditBatchStatus) func(*localregistry.SeedCreditBatch, *localregistry.SeedIssuance) bool {
		return func(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
			for _, s := range ss {
				if b.Status == s {
					return true
				}
			}
			return false
		}
	}
	and := func(f func(b *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool) func(*localregistry.SeedCreditBatch, *localregistry.SeedIssuance) bool {
		return func(b *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
			return notSplit(b, is) && f(b, is)
		}
	}

	cases := []struct {
		name, config string
		want         []string
	}{
		{"all_default", ``, x.batchesOf(buyer, notSplit)},
		{"explicit_org", fmt.Sprintf(`organisation_id = %q`, buyer), x.batchesOf(buyer, notSplit)},
		{"supplier", fmt.Sprintf(`supplier_id = %q`, localregistry.DemoSupplierBID),
			x.batchesOf(buyer, and(func(_ *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
				return is.SupplierID == localregistry.DemoSupplierBID
			}))},
		{"project", fmt.Sprintf(`project_id = %q`, localregistry.DemoProjectA2ID),
			x.batchesOf(buyer, and(func(_ *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
				return is.ProjectID == localregistry.DemoProjectA2ID
			}))},
		{"issuance", fmt.Sprintf(`issuance_id = %q`, localregistry.DemoIssuanceA1ID),
			x.batchesOf(buyer, and(func(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
				return b.IssuanceID == localregistry.DemoIssuanceA1ID
			}))},
		{"delivery", fmt.Sprintf(`delivery_id = %q`, localregistry.DemoDeliveryB1ID),
			x.batchesOf(buyer, and(func(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
				return ptrIs(b.DeliveryID, localregistry.DemoDeliveryB1ID)
			}))},
		{"order", fmt.Sprintf(`order_id = %q`, localregistry.DemoOrderA1ID),
			x.batchesOf(buyer, and(func(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
				return x.batchOrder(b) == localregistry.DemoOrderA1ID
			}))},
		{"retirement", fmt.Sprintf(`retirement_id = %q`, localregistry.DemoRetirementID),
			x.batchesOf(buyer, and(func(b *localregistry.SeedCreditBatch, _ *localregistry.SeedIssuance) bool {
				return ptrIs(b.RetirementID, localregistry.DemoRetirementID)
			}))},
		{"split", `statuses = ["split"]`, []string{localregistry.DemoBatchB1Split}},
		{"retired", `statuses = ["retired"]`, x.batchesOf(buyer, hasStatus(client.CreditBatchStatusRetired))},
		{"every_status", `statuses = ["active", "split", "retired"]`,
			x.batchesOf(buyer, hasStatus(client.CreditBatchStatusActive, client.CreditBatchStatusSplit, client.CreditBatchStatusRetired))},
		{"issued_after", fmt.Sprintf(`issued_after = %q`, after),
			x.batchesOf(buyer, and(func(_ *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
				return is.IssuedAt.After(issA1.IssuedAt)
			}))},
		{"issued_before", fmt.Sprintf(`issued_before = %q`, before),
			x.batchesOf(buyer, and(func(_ *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
				return is.IssuedAt.Before(issB1.IssuedAt)
			}))},
		{"combined", fmt.Sprintf("supplier_id = %q\n  statuses = [\"active\"]", localregistry.DemoSupplierAID),
			x.batchesOf(buyer, func(b *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
				return b.Status == client.CreditBatchStatusActive && is.SupplierID == localregistry.DemoSupplierAID
			})},
		{"none", fmt.Sprintf("supplier_id = %q\n  project_id = %q", localregistry.DemoSupplierAID, localregistry.DemoProjectB1ID), nil},
	}

	var config strings.Builder
	config.WriteString(reg.ProviderConfig(localregistry.DemoBuyerToken))
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&config, "data \"isometric_credit_batches\" %q {\n  %s\n}\n", c.name, c.config)
		checks = append(checks, batchesChecks(t, x, "data.isometric_credit_batches."+c.name, c.want)...)
	}
	// The anchors the demo world documents (demo_ids.go): the defaults leave out the split parent,
	// the retirement holds the retired A1 batch, supplier B's active batches are the buyer's.
	mustContain := func(name string, ids ...string) {
		for _, c := range cases {
			if c.name != name {
				continue
			}
			for _, id := range ids {
				found := false
				for _, w := range c.want {
					found = found || w == id
				}
				if !found {
					t.Fatalf("demo seed: case %s should contain %s, the oracle gives %v", name, id, c.want)
				}
			}
		}
	}
	mustContain("all_default", localregistry.DemoBatchA1Buyer1, localregistry.DemoBatchB1SplitRight, localregistry.DemoBatchA1Retired)
	mustContain("supplier", localregistry.DemoBatchB1Buyer1, localregistry.DemoBatchB1Buyer2, localregistry.DemoBatchB1SplitRight)
	mustContain("retirement", localregistry.DemoBatchA1Retired)
	for _, w := range cases[0].want {
		if w == localregistry.DemoBatchB1Split {
			t.Fatalf("the default list must leave out the split batch %s", w)
		}
	}

	// Sort direction and limit: order by issued_at.
	config.WriteString(`
data "isometric_credit_batches" "asc" {
  sort_direction = "asc"
}
data "isometric_credit_batches" "desc" {
  sort_direction = "desc"
}
data "isometric_credit_batches" "limited" {
  sort_direction = "asc"
  limit          = 2
}
`)
	all := x.batchesOf(buyer, notSplit)
	checks = append(checks,
		expectIDs("data.isometric_credit_batches.asc", "credit_batches", all, false),
		expectIDs("data.isometric_credit_batches.desc", "credit_batches", all, false),
		statecheck.ExpectKnownValue("data.isometric_credit_batches.limited", tfjsonpath.New("credit_batches"), knownvalue.ListSizeExact(2)),
		statecheck.ExpectKnownValue("data.isometric_credit_batches.limited", tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(all)))),
		statecheck.ExpectKnownValue("data.isometric_credit_batches.all_default", tfjsonpath.New("organisation_id"), knownvalue.StringExact(buyer)),
	)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config.String(),
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkIssuedOrder("data.isometric_credit_batches.asc", "credit_batches", true),
				checkIssuedOrder("data.isometric_credit_batches.desc", "credit_batches", false),
				checkIssuedOrder("data.isometric_credit_batches.all_default", "credit_batches", false),
				checkLimitedIsPrefix("data.isometric_credit_batches.limited", "data.isometric_credit_batches.asc", 2),
				checkQueries(reg, "/registry/v0/organisations/"+buyer+"/credit_batches",
					url.Values{"status": {"active", "split", "retired"}},
					url.Values{"issued_after": {after}},
					url.Values{"sort_field": {"issued_at"}, "sort_direction": {"asc"}},
					url.Values{"order_id": {localregistry.DemoOrderA1ID}},
				),
			),
		}},
	})
}

// checkLimitedIsPrefix checks that the n records of limited are the first n of full.
func checkLimitedIsPrefix(limited, full string, n int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		l, f := s.RootModule().Resources[limited], s.RootModule().Resources[full]
		if l == nil || f == nil {
			return fmt.Errorf("%s or %s not in state", limited, full)
		}
		for i := 0; i < n; i++ {
			key := fmt.Sprintf("credit_batches.%d.id", i)
			if l.Primary.Attributes[key] != f.Primary.Attributes[key] {
				return fmt.Errorf("%s.%s = %q, want %q (the same order as %s)", limited, key, l.Primary.Attributes[key], f.Primary.Attributes[key], full)
			}
		}
		return nil
	}
}

// checkIssuedOrder checks that the records' issued_at are in ascending (asc) or descending order.
func checkIssuedOrder(address, records string, asc bool) resource.TestCheckFunc {
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

// TestAccDataSourceCreditBatches_pagination reads more batches than one page holds.
func TestAccDataSourceCreditBatches_pagination(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	x := reg.seed
	buyer := localregistry.DemoBuyerOrgID
	path := "/registry/v0/organisations/" + buyer + "/credit_batches"
	sum := func(from, to int) int64 { // the i-th paged batch holds i t
		return int64((from+to)*(to-from+1)/2) * 1000
	}
	all := x.batchesOf(buyer, notSplit)
	const addr = "data.isometric_credit_batches."
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_credit_batches" "asc" {
  supplier_id    = %[1]q
  sort_direction = "asc"
}
data "isometric_credit_batches" "desc" {
  supplier_id = %[1]q
}
data "isometric_credit_batches" "limited" {
  supplier_id    = %[1]q
  sort_direction = "desc"
  limit          = 55
}
data "isometric_credit_batches" "all" {}
`, pagedSupplierID),
			ConfigStateChecks: append(append(append(append(
				expectCount(addr+"asc", "credit_batches", pagedCount, pagedCount),
				expectIDs(addr+"asc", "credit_batches", pagedIDs("ctb_", 1, pagedCount), true),
				statecheck.ExpectKnownValue(addr+"asc", tfjsonpath.New("total_kg"), knownvalue.Int64Exact(sum(1, pagedCount))),
				statecheck.ExpectKnownValue(addr+"asc", tfjsonpath.New("total_tonnes"), knownvalue.NumberExact(exactTonnes(sum(1, pagedCount)))),
				expectIDs(addr+"desc", "credit_batches", pagedIDs("ctb_", pagedCount, 1), true),
				expectIDs(addr+"limited", "credit_batches", pagedIDs("ctb_", pagedCount, 6), true),
				statecheck.ExpectKnownValue(addr+"limited", tfjsonpath.New("total_kg"), knownvalue.Int64Exact(sum(6, pagedCount))),
				expectIDs(addr+"all", "credit_batches", all, false),
			),
				expectCount(addr+"desc", "credit_batches", pagedCount, pagedCount)...),
				expectCount(addr+"limited", "credit_batches", 55, pagedCount)...),
				expectCount(addr+"all", "credit_batches", len(all), len(all))...),
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				checkPages(reg, path, url.Values{"supplier_id": {pagedSupplierID}, "sort_field": {"issued_at"}, "sort_direction": {"asc"}}, 2),
				checkPages(reg, path, url.Values{"supplier_id": {pagedSupplierID}}, 2),
				checkPages(reg, path, url.Values{"supplier_id": {pagedSupplierID}, "sort_field": {"issued_at"}, "sort_direction": {"desc"}}, 2),
				checkPages(reg, path, url.Values{}, 2),
			),
		}},
	})
}

// TestAccDataSourceCreditBatches_errors checks the static validation and the registry's refusals.
func TestAccDataSourceCreditBatches_errors(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cfg := func(body string) string {
		return reg.ProviderConfig(localregistry.DemoBuyerToken) + "data \"isometric_credit_batches\" \"x\" {\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      cfg(fmt.Sprintf(`supplier_id = %q`, localregistry.DemoProjectA1ID)),
				ExpectError: errorText(fmt.Sprintf(`Invalid supplier ID %q`, localregistry.DemoProjectA1ID), `starts with "spl_"`),
			},
			{
				Config:      cfg(`order_id = "ord_short"`),
				ExpectError: errorText(`Invalid order ID "ord_short"`, `20 to 37 characters`, `(this one has 9)`),
			},
			{
				Config:      cfg(`issued_after = "2025-01-01"`),
				ExpectError: errorText(`Invalid issued_after "2025-01-01"`, `expected an RFC 3339 timestamp with a time zone`),
			},
			{
				Config:      cfg(`statuses = ["expired"]`),
				ExpectError: errorText("statuses: \"expired\" is not a valid value; use one of `active`, `split` or `retired`."),
			},
			{
				Config:      cfg(`sort_direction = "up"`),
				ExpectError: errorText("sort_direction: \"up\" is not a valid value; use one of `asc` or `desc`."),
			},
			{
				Config:      cfg(`limit = 0`),
				ExpectError: errorText(`limit: 0 is less than 1: give a number of records of at least 1.`),
			},
			{
				Config: cfg(`
  issued_after  = "2025-06-01T00:00:00Z"
  issued_before = "2025-01-01T00:00:00Z"`),
				ExpectError: errorText(`Empty issue time range`, `issued_after (2025-06-01T00:00:00Z) is not before issued_before (2025-01-01T00:00:00Z)`),
			},
			{
				// Another organisation's batches: the registry refuses (403).
				Config: cfg(fmt.Sprintf(`organisation_id = %q`, localregistry.DemoSupplierAOrgID)),
				ExpectError: errorText(`Cannot list credit batches`,
					fmt.Sprintf(`/organisations/%s/credit_batches: 403`, localregistry.DemoSupplierAOrgID), `forbidden`),
			},
		},
	})
	reg.assertPOSTs(t, "", 0)
}

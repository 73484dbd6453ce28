package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccBeneficiaryList lists the acting organisation's beneficiaries, more than a page holds, in
// the registry's order; an individual (made outside Terraform) is listed with a null email in its
// identity and state, an organisation with its domain; nothing is posted.
func TestAccBeneficiaryList(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	jane, err := registryClient(t, reg, lr.DemoBuyerToken).CreateBeneficiary(context.Background(),
		client.CreateBeneficiaryRequest{BeneficiaryName: "Jane Listed", BeneficiaryEmail: "jane.listed@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, b := range reg.Registry.AllBeneficiaries(lr.DemoBuyerOrgID) {
		all = append(all, b.ID)
	}
	if len(all) <= client.MaxPageSize || !slices.Contains(all, jane.ID) {
		t.Fatalf("the buyer has %d beneficiaries (%s among them: %v), want more than a page", len(all), jane.ID, slices.Contains(all, jane.ID))
	}
	demo := lr.DemoBeneficiaryOrgID
	byID := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(id), "email": knownvalue.Null()})
	}
	resource.ParallelTest(t, queryCase(reg,
		resource.TestStep{
			PreConfig: resetRequests(reg),
			Query:     true,
			Config:    listBlock("isometric_beneficiary", "all", true, 1000, "") + listBlock("isometric_beneficiary", "first", false, 2, ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				queryIDs("isometric_beneficiary.all", all),
				queryIDs("isometric_beneficiary.first", all[:2]),
				querycheck.ExpectIdentity("isometric_beneficiary.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(jane.ID), "email": knownvalue.Null()}),
				querycheck.ExpectResourceDisplayName("isometric_beneficiary.all", byID(jane.ID), knownvalue.StringExact(jane.ID+": Jane Listed (individual)")),
				querycheck.ExpectResourceDisplayName("isometric_beneficiary.all", byID(demo),
					knownvalue.StringExact(demo+": Demo Beneficiary Foundation (organisation, beneficiary.example.org)")),
				querycheck.ExpectResourceKnownValues("isometric_beneficiary.all", byID(jane.ID), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(jane.ID)},
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Jane Listed")},
					{Path: tfjsonpath.New("domain"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("email"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("organisation"), KnownValue: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(jane.ID), "name": knownvalue.StringExact("Jane Listed"), "domain": knownvalue.Null()})},
				}),
				querycheck.ExpectResourceKnownValues("isometric_beneficiary.all", byID(demo), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Demo Beneficiary Foundation")},
					{Path: tfjsonpath.New("domain"), KnownValue: knownvalue.StringExact("beneficiary.example.org")},
				}),
			},
		},
		resource.TestStep{
			// The documented example (Terraform's default limit, 100).
			Query:             true,
			Config:            exampleFile(t, "list-resources/isometric_beneficiary/list-resource.tfquery.hcl"),
			QueryResultChecks: []querycheck.QueryResultCheck{queryIDs("isometric_beneficiary.all", all)},
		},
		resource.TestStep{
			PreConfig: func() {
				// The lists run side by side: their requests interleave.
				if got := pageSizes(reg, registryPath("/beneficiaries"), nil); !sameIDs(got, []string{"50", "50", "2", "50", "50"}) {
					t.Errorf("GET /beneficiaries page sizes %v, want 50 and 50 (all, twice), 2 (the first two)", got)
				}
				reg.assertPOSTs(t, "", 0)
			},
			Config: reg.ProviderConfig(lr.DemoBuyerToken),
		},
	))
}

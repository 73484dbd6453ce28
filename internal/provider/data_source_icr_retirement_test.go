package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// txICRRetirement expects an ICR retirement object exactly as the seed holds it.
func txICRRetirement(t *testing.T, r *localregistry.ICRRetirement) knownvalue.Check {
	return knownvalue.ObjectExact(txICRRetirementChecks(t, r))
}

func txICRRetirementChecks(t *testing.T, r *localregistry.ICRRetirement) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id":              knownvalue.StringExact(r.ID),
		"serialization":   knownvalue.StringExact(r.Serialization),
		"vintage":         knownvalue.StringExact(r.Vintage),
		"amount":          knownvalue.NumberExact(txDecimal(t, r.Amount.String())),
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

// txSeedICRRetirement is the seed's ICR retirement id.
func txSeedICRRetirement(t *testing.T, seed *localregistry.Seed, id string) *localregistry.ICRRetirement {
	t.Helper()
	if seed.ICR == nil {
		t.Fatal("the seed has no ICR part")
	}
	return txFindSeed(t, seed.ICR.Retirements, "ICR retirement", id, func(r *localregistry.ICRRetirement) string { return r.ID })
}

// txMissingICRStep is a step reading data source typ (with body) through a provider without ICR
// access: a clear error says how to configure it.
func txMissingICRStep(reg *testRegistry, typ, body string) resource.TestStep {
	return resource.TestStep{
		Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, body),
		ExpectError: errorFor("ICR access is not configured", "icr", "access_token",
			envICRAccessToken, envICREndpoint),
	}
}

func TestAccDataSourceICRRetirement(t *testing.T) {
	const typ = "isometric_icr_retirement"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	want := txSeedICRRetirement(t, seed, localregistry.DemoICRRetirementID)
	withICR := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			txMissingICRStep(reg, typ, fmt.Sprintf("id = %q", localregistry.DemoICRRetirementID)),
			{
				// Unknown ID: the error names the ID and the ICR endpoint.
				Config:      withICR + txBlock(typ, `id = "00000000-0000-0000-0000-000000000000"`),
				ExpectError: errorFor(`Cannot read ICR retirement "00000000-0000-0000-0000-000000000000"`, "404 Not Found", "ICR API at "+reg.ICREndpoint),
			},
			{
				Config:      withICR + txBlock(typ, `id = "../retirements"`),
				ExpectError: errorFor(`Invalid id "../retirements"`, "an ICR ID is a single token"),
			},
			{
				Config:            withICR + txBlock(typ, fmt.Sprintf("id = %q", localregistry.DemoICRRetirementID)),
				ConfigStateChecks: txExpectAttributes(typ, txICRRetirementChecks(t, want)),
				Check:             checkNoWrites(reg),
			},
		},
	})
}

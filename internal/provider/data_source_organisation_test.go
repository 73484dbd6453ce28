package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// organisationChecks asserts the state of an isometric_organisation data source against the seed's organisation id.
func organisationChecks(t *testing.T, x *seedIndex, address, id string) []statecheck.StateCheck {
	t.Helper()
	o := must(t, x.orgs[id], "organisation", id)
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(o.ID)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact(o.Name)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("domain"), stringOrNull(o.Domain)),
	}
}

func TestAccOrganisationDataSource_current(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_organisation" "me" {}`,
				ConfigStateChecks: organisationChecks(t, reg.seed, "data.isometric_organisation.me", localregistry.DemoBuyerOrgID),
				Check: resource.ComposeAggregateTestCheckFunc(
					reg.expectPOSTs("", 0),
					func(*terraform.State) error {
						if reg.Registry.CountRequests("GET", "/registry/v0/organisation") == 0 {
							return fmt.Errorf("the data source did not call GET /organisation")
						}
						return nil
					},
				),
			},
			{
				// Another token acts as another organisation.
				Config:            reg.ProviderConfig(localregistry.DemoSupplierAToken) + `data "isometric_organisation" "me" {}`,
				ConfigStateChecks: organisationChecks(t, reg.seed, "data.isometric_organisation.me", localregistry.DemoSupplierAOrgID),
			},
		},
	})
}

func TestAccOrganisationDataSource_byID(t *testing.T) {
	reg := newTestRegistry(t, nil)
	var configs, checks []string
	var stateChecks []statecheck.StateCheck
	for i, id := range []string{localregistry.DemoSupplierAOrgID, localregistry.DemoPartnerOrgID, localregistry.DemoBeneficiaryOrgID} {
		name := fmt.Sprintf("o%d", i)
		configs = append(configs, fmt.Sprintf("data \"isometric_organisation\" %q {\n  id = %q\n}\n", name, id))
		stateChecks = append(stateChecks, organisationChecks(t, reg.seed, "data.isometric_organisation."+name, id)...)
		checks = append(checks, id)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + strings.Join(configs, ""),
			ConfigStateChecks: stateChecks,
			Check: resource.ComposeAggregateTestCheckFunc(
				reg.expectPOSTs("", 0),
				func(*terraform.State) error {
					for _, id := range checks {
						if reg.Registry.CountRequests("GET", "/registry/v0/organisations/"+id) == 0 {
							return fmt.Errorf("no GET /organisations/%s reached the registry", id)
						}
					}
					return nil
				},
			),
		}},
	})
}

func TestAccOrganisationDataSource_notFound(t *testing.T) {
	reg := newTestRegistry(t, nil)
	const missing = "org_1NOSUCHORGANISATN"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf("data \"isometric_organisation\" \"x\" {\n  id = %q\n}\n", missing),
			// The summary names the ID; the detail names the registry the provider is connected to.
			ExpectError: errorText(`Cannot read organisation "`+missing+`"`, "connected to the registry at endpoint "+reg.APIEndpoint),
		}},
	})
}

func TestAccOrganisationDataSource_invalidID(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cases := map[string][]string{
		localregistry.DemoBatchA1Buyer1: {`Invalid organisation ID "` + localregistry.DemoBatchA1Buyer1 + `"`, `starts with "org_"`},
		"org_123":                       {`Invalid organisation ID "org_123"`, "20 to 37 characters", "(this one has 7)"},
	}
	var steps []resource.TestStep
	for id, want := range cases {
		steps = append(steps, resource.TestStep{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf("data \"isometric_organisation\" \"x\" {\n  id = %q\n}\n", id),
			ExpectError: errorText(want...),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	// Rejected at validation: nothing reached the registry.
	if n := reg.Registry.CountRequests("", ""); n != 0 {
		t.Errorf("invalid IDs sent %d requests to the registry", n)
	}
}

func TestAccOrganisationDataSource_badCredentials(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      reg.ProviderConfig("not-a-valid-token") + `data "isometric_organisation" "me" {}`,
				ExpectError: errorText("Cannot read the current organisation", "401", "ISOMETRIC_ACCESS_TOKEN"),
			},
			{
				Config: fmt.Sprintf("provider \"isometric\" {\n  endpoint = %q\n  client_secret = %q\n}\n", reg.APIEndpoint, localregistry.DemoClientSecret) +
					`data "isometric_organisation" "me" {}`,
				ExpectError: errorText("Missing Isometric access token", "access_token attribute", "ISOMETRIC_ACCESS_TOKEN environment variable"),
			},
		},
	})
}

// TestAccOrganisationDataSource_unknownProviderConfig: a provider configuration that is only known
// after apply does not crash the plan; without deferred actions it is a clear error naming the attribute.
func TestAccOrganisationDataSource_unknownProviderConfig(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "token" {
  input = %q
}

provider "isometric" {
  endpoint      = %q
  client_secret = %q
  access_token  = terraform_data.token.output
}

data "isometric_organisation" "me" {}
`, localregistry.DemoBuyerToken, reg.APIEndpoint, localregistry.DemoClientSecret),
			ExpectError: errorText("Isometric provider configuration not known yet", "access_token depend"),
		}},
	})
}

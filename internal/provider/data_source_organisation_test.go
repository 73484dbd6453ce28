package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// demoOrganisation returns an organisation of the demo seed (what the registry was started with).
func demoOrganisation(t *testing.T, id string) *localregistry.SeedOrganisation {
	t.Helper()
	for _, o := range localregistry.DemoSeed().Organisations {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("organisation %s is not in the demo seed", id)
	return nil
}

// organisationChecks asserts the state of an isometric_organisation data source against a seed organisation.
func organisationChecks(address string, o *localregistry.SeedOrganisation) []statecheck.StateCheck {
	var domain knownvalue.Check = knownvalue.Null()
	if o.Domain != nil {
		domain = knownvalue.StringExact(*o.Domain)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(o.ID)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact(o.Name)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("domain"), domain),
	}
}

// checkNoWrites fails when the registry received any POST (a data source never writes).
func checkNoWrites(reg *testRegistry) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := reg.Registry.CountRequests("POST", ""); n != 0 {
			return fmt.Errorf("the registry received %d POST requests from a read-only configuration", n)
		}
		return nil
	}
}

func TestAccOrganisationDataSource_current(t *testing.T) {
	reg := newTestRegistry(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_organisation" "me" {}`,
				ConfigStateChecks: organisationChecks("data.isometric_organisation.me", demoOrganisation(t, localregistry.DemoBuyerOrgID)),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoWrites(reg),
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
				ConfigStateChecks: organisationChecks("data.isometric_organisation.me", demoOrganisation(t, localregistry.DemoSupplierAOrgID)),
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
		stateChecks = append(stateChecks, organisationChecks("data.isometric_organisation."+name, demoOrganisation(t, id))...)
		checks = append(checks, id)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            reg.ProviderConfig(localregistry.DemoBuyerToken) + strings.Join(configs, ""),
			ConfigStateChecks: stateChecks,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkNoWrites(reg),
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
			ExpectError: regexp.MustCompile(`(?s)Cannot read organisation "` + missing + `".*` +
				`connected to\s+the\s+registry\s+at\s+endpoint\s+` + regexp.QuoteMeta(reg.APIEndpoint)),
		}},
	})
}

func TestAccOrganisationDataSource_invalidID(t *testing.T) {
	reg := newTestRegistry(t, nil)
	cases := map[string]string{
		localregistry.DemoBatchA1Buyer1: `(?s)Invalid organisation ID "` + localregistry.DemoBatchA1Buyer1 + `".*starts\s+with\s+"org_"`,
		"org_123":                       `(?s)Invalid organisation ID "org_123".*20\s+to\s+37\s+characters.*\(this\s+one\s+has\s+7\)`,
	}
	var steps []resource.TestStep
	for id, want := range cases {
		steps = append(steps, resource.TestStep{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf("data \"isometric_organisation\" \"x\" {\n  id = %q\n}\n", id),
			ExpectError: regexp.MustCompile(want),
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
				ExpectError: regexp.MustCompile(`(?s)Cannot read the current organisation.*401.*ISOMETRIC_ACCESS_TOKEN`),
			},
			{
				Config: fmt.Sprintf("provider \"isometric\" {\n  endpoint = %q\n  client_secret = %q\n}\n", reg.APIEndpoint, localregistry.DemoClientSecret) +
					`data "isometric_organisation" "me" {}`,
				ExpectError: regexp.MustCompile(`(?s)Missing Isometric access token.*access_token\s+attribute.*ISOMETRIC_ACCESS_TOKEN\s+environment\s+variable`),
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
			ExpectError: regexp.MustCompile(`(?s)Isometric provider configuration not known yet.*access_token\s+depend`),
		}},
	})
}

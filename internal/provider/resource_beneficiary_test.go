package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

const beneficiaryAddr = "isometric_beneficiary.test"

func beneficiaryConfig(reg *testRegistry, args string) string {
	return reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
resource "isometric_beneficiary" "test" {
%s
}
`, args)
}

// registryBeneficiary returns the buyer's beneficiary with this name from the registry's own records.
func registryBeneficiary(reg *testRegistry, name string) (client.Organisation, bool) {
	for _, b := range reg.Registry.AllBeneficiaries(localregistry.DemoBuyerOrgID) {
		if b.Name == name {
			return b, true
		}
	}
	return client.Organisation{}, false
}

func TestAccBeneficiaryOrganisation(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg2 := newTestRegistry(t, nil) // "another environment": the beneficiary does not exist there
	args := `  name   = "Acme Corporation"
  domain = "acme-carbon.example"`
	config := beneficiaryConfig(reg, args)
	idOrg := statecheck.CompareValuePairs(beneficiaryAddr, tfjsonpath.New("id"), beneficiaryAddr, tfjsonpath.New("organisation").AtMapKey("id"), compare.ValuesSame())

	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// Destroy forgets: nothing was sent, and the registry still has the beneficiary.
			if _, ok := registryBeneficiary(reg, "Acme Corporation"); !ok {
				return fmt.Errorf("the registry no longer lists the beneficiary after destroy")
			}
			if n := reg.Registry.CountRequests("DELETE", ""); n != 0 {
				return fmt.Errorf("destroy sent %d DELETE requests", n)
			}
			return reg.expectPOSTs("/beneficiary", 1)(nil)
		},
		Steps: []tfresource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^org_`))),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("name"), knownvalue.StringExact("Acme Corporation")),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("domain"), knownvalue.StringExact("acme-carbon.example")),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("email"), knownvalue.Null()),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("organisation"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":     knownvalue.StringRegexp(regexp.MustCompile(`^org_`)),
						"name":   knownvalue.StringExact("Acme Corporation"),
						"domain": knownvalue.StringExact("acme-carbon.example"),
					})),
					idOrg,
				},
				Check: tfresource.ComposeTestCheckFunc(
					reg.expectPOSTs("/beneficiary", 1),
					func(s *terraform.State) error {
						id, err := resourceIDFromState(s, beneficiaryAddr)
						if err != nil {
							return err
						}
						b, ok := registryBeneficiary(reg, "Acme Corporation")
						if !ok || b.ID != id || b.Domain == nil || *b.Domain != "acme-carbon.example" {
							return fmt.Errorf("registry beneficiary = %+v (found %v), want ID %s with domain acme-carbon.example", b, ok, id)
						}
						return nil
					},
				),
			},
			// Apply then plan again: no changes, no POST.
			{
				Config:            config,
				ConfigPlanChecks:  tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:             reg.expectPOSTs("/beneficiary", 1),
				ConfigStateChecks: []statecheck.StateCheck{idOrg},
			},
			// terraform import by the organisation ID.
			{
				ResourceName:      beneficiaryAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			// import {} block with a matching configuration: the plan is a no-op import.
			{
				Config:          config,
				ResourceName:    beneficiaryAddr,
				ImportState:     true,
				ImportStateKind: tfresource.ImportBlockWithID,
			},
			// Arguments cannot change: an error on the attribute, never a replacement.
			{
				Config:      beneficiaryConfig(reg, "  name = \"Acme Corp (renamed)\"\n  domain = \"acme-carbon.example\""),
				ExpectError: errorText(`Cannot change name of a recorded beneficiary`),
			},
			{
				Config:      beneficiaryConfig(reg, "  name = \"Acme Corporation\"\n  domain = \"acme-carbon2.example\""),
				ExpectError: errorText(`Cannot change domain of a recorded beneficiary`),
			},
			// Another environment: refresh fails with an explanation, the resource stays in the state.
			{
				Config:      strings.Replace(config, reg.APIEndpoint, reg2.APIEndpoint, 1),
				ExpectError: errorText("GET /beneficiaries does not list it among the beneficiaries of the organisation the provider acts as"),
			},
			{
				Config:            config,
				ConfigPlanChecks:  tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{idOrg},
				Check:             reg.expectPOSTs("/beneficiary", 1),
			},
		},
	})
	reg2.assertPOSTs(t, "", 0)
}

func TestAccBeneficiaryIndividual(t *testing.T) {
	reg := newTestRegistry(t, nil)
	const email = "jane.doe@example.com"
	config := beneficiaryConfig(reg, `  name  = "Jane Doe"
  email = "`+email+`"`)
	withEmail := func(s *terraform.State) (string, error) {
		id, err := resourceIDFromState(s, beneficiaryAddr)
		return id + "," + email, err
	}

	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("email"), knownvalue.StringExact(email)),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("domain"), knownvalue.Null()),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("organisation").AtMapKey("name"), knownvalue.StringExact("Jane Doe")),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("organisation").AtMapKey("domain"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					id, err := resourceIDFromState(s, beneficiaryAddr)
					if err != nil {
						return err
					}
					if b, ok := registryBeneficiary(reg, "Jane Doe"); !ok || b.ID != id || b.Domain != nil {
						return fmt.Errorf("registry beneficiary = %+v (found %v), want ID %s without domain", b, ok, id)
					}
					var posts []string
					for _, q := range reg.Registry.Requests() {
						if q.Method == "POST" {
							posts = append(posts, q.Body)
						}
					}
					if len(posts) != 1 || !strings.Contains(posts[0], `"beneficiary_email":"`+email+`"`) ||
						!strings.Contains(posts[0], `"__typename":"CreateIndividualBeneficiary"`) {
						return fmt.Errorf("POST bodies = %q, want one individual beneficiary with the email", posts)
					}
					return nil
				},
			},
			// The registry never returns emails: a plain-ID import cannot know it...
			{
				ResourceName:            beneficiaryAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"email"},
			},
			// ...but "<id>,<email>" records it, so the import matches completely.
			{
				ResourceName:      beneficiaryAddr,
				ImportState:       true,
				ImportStateIdFunc: withEmail,
				ImportStateVerify: true,
			},
			{
				Config:            config,
				ResourceName:      beneficiaryAddr,
				ImportState:       true,
				ImportStateKind:   tfresource.ImportBlockWithID,
				ImportStateIdFunc: withEmail,
			},
			// A plain-ID import block plans only to record the email in the state (an in-place
			// update that calls no API), never a replacement.
			{
				Config:             config,
				ResourceName:       beneficiaryAddr,
				ImportState:        true,
				ImportStateKind:    tfresource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: tfresource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(beneficiaryAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config:      beneficiaryConfig(reg, "  name = \"Jane Doe\"\n  email = \"jane.d@example.com\""),
				ExpectError: errorText(`Cannot change email of a recorded beneficiary`),
			},
		},
	})
	reg.assertPOSTs(t, "/beneficiary", 1)
}

func TestAccBeneficiaryPlanChecks(t *testing.T) {
	reg := newTestRegistry(t, nil)
	var existing client.Organisation
	for _, b := range reg.Registry.AllBeneficiaries(localregistry.DemoBuyerOrgID) {
		if b.Domain != nil {
			existing = b
		}
	}
	if existing.Domain == nil {
		t.Fatal("the demo buyer has no organisation beneficiary with a domain")
	}
	steps := []tfresource.TestStep{
		{
			Config:      beneficiaryConfig(reg, "  name = \"X\"\n  domain = \"x.example\"\n  email = \"x@x.example\""),
			ExpectError: errorText("Both domain and email are set"),
		},
		{
			Config:      beneficiaryConfig(reg, "  name = \"X\""),
			ExpectError: errorText("Neither domain nor email is set"),
		},
		{
			Config:      beneficiaryConfig(reg, "  name = \"X\"\n  domain = \"https://acme.com/\""),
			ExpectError: errorText(`domain must be a bare domain name such as "acme.com" (at most 256 characters): no scheme (https://), path, port, @ or spaces.`),
		},
		{
			Config:      beneficiaryConfig(reg, "  name = \"X\"\n  email = \"Jane <jane@example.com>\""),
			ExpectError: errorText(`email must be a single email address such as "jane.doe@example.com" (at most 254 characters), without a display name, angle brackets or spaces.`),
		},
		{
			Config:      beneficiaryConfig(reg, "  name = \"  \"\n  domain = \"x.example\""),
			ExpectError: errorText(`name must be 1 to 256 characters and not blank`),
		},
		{
			Config:      beneficiaryConfig(reg, fmt.Sprintf("  name = \"Again\"\n  domain = %q", strings.ToUpper(*existing.Domain))),
			ExpectError: errorText(fmt.Sprintf("already has a beneficiary with the domain %q: %s", strings.ToUpper(*existing.Domain), existing.ID)),
		},
	}
	tfresource.ParallelTest(t, tfresource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	reg.assertPOSTs(t, "", 0)
}

// TestAccBeneficiary_ambiguousPost: a beneficiary the registry created without answering (500
// after commit, dropped connection) is found in GET /beneficiaries and recorded; the next apply
// sends nothing. A 503 before commit creates nothing: the apply fails with nothing in state and
// says it is safe to apply again, which then creates exactly one.
func TestAccBeneficiary_ambiguousPost(t *testing.T) {
	const name = "Lost Answer Ltd"
	testAmbiguousPost(t, ambiguousPostCase{
		post:         "/beneficiary",
		notCommitted: "The registry shows that nothing was committed: GET /beneficiaries lists",
		world: func(reg *testRegistry) ambiguousPostWorld {
			return ambiguousPostWorld{
				config: beneficiaryConfig(reg, "  name   = \""+name+"\"\n  domain = \"lost-answer.example\""),
				inRegistry: func(s *terraform.State) error {
					id, err := resourceIDFromState(s, beneficiaryAddr)
					if err != nil {
						return err
					}
					if b, ok := registryBeneficiary(reg, name); !ok || b.ID != id {
						return fmt.Errorf("registry beneficiary = %+v (found %v), want the one in state, %s", b, ok, id)
					}
					return nil
				},
				untouched: func(t *testing.T) {
					if _, ok := registryBeneficiary(reg, name); ok {
						t.Error("after a 503 the registry lists the beneficiary")
					}
				},
				afterRetry: func(t *testing.T) {
					n := 0
					for _, b := range reg.Registry.AllBeneficiaries(localregistry.DemoBuyerOrgID) {
						if b.Name == name {
							n++
						}
					}
					if n != 1 {
						t.Errorf("the registry lists %d beneficiaries named Lost Answer Ltd, want exactly 1", n)
					}
				},
			}
		},
	})
}

// TestAccBeneficiary_laterPage: refresh finds a beneficiary listed after the first page of
// /beneficiaries, and the domain check of a new one walks every page too.
func TestAccBeneficiary_laterPage(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	config := beneficiaryConfig(reg, "  name = \"Paged Org\"\n  domain = \"paged.example\"")
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("organisation").AtMapKey("domain"), knownvalue.StringExact("paged.example")),
				},
				Check: tfresource.ComposeTestCheckFunc(reg.expectPagedGET("/beneficiaries"), reg.expectPOSTs("/beneficiary", 1)),
			},
			{
				Config:           config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The demo beneficiary comes after the paged ones.
				Config: config + `
resource "isometric_beneficiary" "again" {
  name   = "Again"
  domain = "beneficiary.example.org"
}
`,
				ExpectError: errorText(`already has a beneficiary with the domain "beneficiary.example.org": ` + localregistry.DemoBeneficiaryOrgID),
			},
		},
	})
}

// TestAccBeneficiary_identity: the identity of a beneficiary is its organisation ID and, for an
// individual, the email; an import block with it plans a no-op import; another kind of ID is
// refused (Terraform 1.12 and later).
func TestAccBeneficiary_identity(t *testing.T) {
	t.Run("organisation", func(t *testing.T) {
		testIdentity(t, identityCase{addr: beneficiaryAddr, post: "/beneficiary", identity: map[string]knownvalue.Check{
			"id": knownvalue.StringRegexp(regexp.MustCompile(`^org_`)), "email": knownvalue.Null()},
			config: func(reg *testRegistry) string {
				return beneficiaryConfig(reg, "  name   = \"Identity Org\"\n  domain = \"identity.example\"")
			}})
	})
	t.Run("individual", func(t *testing.T) {
		testIdentity(t, identityCase{addr: beneficiaryAddr, post: "/beneficiary", identity: map[string]knownvalue.Check{
			"id": knownvalue.StringRegexp(regexp.MustCompile(`^org_`)), "email": knownvalue.StringExact("ida@example.com")},
			config: func(reg *testRegistry) string {
				return beneficiaryConfig(reg, "  name  = \"Ida Entity\"\n  email = \"ida@example.com\"")
			}})
	})
}

// TestAccBeneficiary_identityLearnsEmail: an individual imported by its ID alone has no email in
// its identity; once the configuration gives the email, the apply records it in the state and in
// the identity without any request, and the next plan is empty (Terraform 1.12 and later).
func TestAccBeneficiary_identityLearnsEmail(t *testing.T) {
	reg := newTestRegistry(t, nil)
	made, err := registryClient(t, reg, localregistry.DemoBuyerToken).CreateBeneficiary(context.Background(),
		client.CreateBeneficiaryRequest{BeneficiaryName: "Ivy Imported", BeneficiaryEmail: "ivy@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", beneficiaryAddr, made.ID) +
		beneficiaryConfig(reg, "  name  = \"Ivy Imported\"\n  email = \"ivy@example.com\"")
	tfresource.ParallelTest(t, tfresource.TestCase{
		TerraformVersionChecks:   identityCLI,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(beneficiaryAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: append(identityIs(beneficiaryAddr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(made.ID), "email": knownvalue.StringExact("ivy@example.com")}),
					statecheck.ExpectKnownValue(beneficiaryAddr, tfjsonpath.New("email"), knownvalue.StringExact("ivy@example.com"))),
				Check: reg.expectPOSTs("", 1), // the one made outside Terraform
			},
			{
				Config:           config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccBeneficiary_generatedConfig: `terraform plan -generate-config-out` of an organisation
// and of an individual (Terraform never writes the sensitive email: the recorded one stays) plans
// a no-op import (Terraform 1.14 and later).
func TestAccBeneficiary_generatedConfig(t *testing.T) {
	t.Run("organisation", func(t *testing.T) {
		testGeneratedConfig(t, identityCase{addr: beneficiaryAddr, post: "/beneficiary", config: func(reg *testRegistry) string {
			return beneficiaryConfig(reg, "  name   = \"Generated Org\"\n  domain = \"generated.example\"")
		}})
	})
	t.Run("individual", func(t *testing.T) {
		testGeneratedConfig(t, identityCase{addr: beneficiaryAddr, post: "/beneficiary", config: func(reg *testRegistry) string {
			return beneficiaryConfig(reg, "  name  = \"Gene Rated\"\n  email = \"gene@example.com\"")
		}})
	})
}

package provider

import (
	"fmt"
	"net/url"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// projectsByName are the seed's project IDs in the order of GET /projects (name, then ID).
func projectsByName(s *localregistry.Seed) []string {
	ps := append([]*localregistry.SeedProject{}, s.Projects...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Name != ps[j].Name {
			return ps[i].Name < ps[j].Name
		}
		return ps[i].ID < ps[j].ID
	})
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

func TestAccDataSourceProjects(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	byName := projectsByName(x.seed)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + `data "isometric_projects" "x" {
  supplier_id = "spl_1NOTASUPPLIER000"
}`,
				ExpectError: errorText(`Cannot list projects`, `/suppliers/spl_1NOTASUPPLIER000/projects: 404`, `not found`),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`data "isometric_projects" "x" {
  supplier_id = %q
}`, localregistry.DemoProjectA1ID),
				ExpectError: errorText(fmt.Sprintf(`Invalid supplier ID %q`, localregistry.DemoProjectA1ID)),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_projects" "all" {}
data "isometric_projects" "supplier_a" {
  supplier_id = %q
}
data "isometric_projects" "supplier_a_first" {
  supplier_id = %q
  limit       = 1
}`, localregistry.DemoSupplierAID, localregistry.DemoSupplierAID),
				ConfigStateChecks: append(append(append(
					expectCount("data.isometric_projects.all", "projects", len(byName), len(byName)),
					// GET /projects: sorted by name; every attribute of each project.
					statecheck.ExpectKnownValue("data.isometric_projects.all", tfjsonpath.New("projects"), objectsExact(
						projectFields(t, x, byName[0]), projectFields(t, x, byName[1]), projectFields(t, x, byName[2]))),
					// GET /suppliers/{id}/projects: most recently created first (A2 in 2024, A1 in 2023).
					expectIDs("data.isometric_projects.supplier_a", "projects", []string{localregistry.DemoProjectA2ID, localregistry.DemoProjectA1ID}, true),
					expectIDs("data.isometric_projects.supplier_a_first", "projects", []string{localregistry.DemoProjectA2ID}, true)),
					expectCount("data.isometric_projects.supplier_a", "projects", 2, 2)...),
					expectCount("data.isometric_projects.supplier_a_first", "projects", 1, 2)...),
				Check: resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 0),
					checkPages(reg, "/registry/v0/projects", url.Values{}, 1),
					checkPages(reg, "/registry/v0/suppliers/"+localregistry.DemoSupplierAID+"/projects", url.Values{}, 1)),
			},
		},
	})
	if len(byName) != 3 {
		t.Fatalf("the demo world has %d projects, this test expects 3", len(byName))
	}
}

func TestAccDataSourceProjects_pagination(t *testing.T) {
	seed := pagedSeed(t, pagedCatalog)
	reg := newTestRegistry(t, seed)
	byName := projectsByName(seed)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_projects" "all" {}
data "isometric_projects" "paged" {
  supplier_id = %q
}
data "isometric_projects" "limited" {
  supplier_id = %q
  limit       = 52
}`, pagedSupplierID, pagedSupplierID),
			ConfigStateChecks: append(append(append(
				expectCount("data.isometric_projects.all", "projects", len(byName), len(byName)),
				expectIDs("data.isometric_projects.all", "projects", byName, true),
				// Most recently created first: the paged projects were created a day apart.
				expectIDs("data.isometric_projects.paged", "projects", pagedIDs("prj_", pagedCount, 1), true),
				expectIDs("data.isometric_projects.limited", "projects", pagedIDs("prj_", pagedCount, pagedCount-51), true)),
				expectCount("data.isometric_projects.paged", "projects", pagedCount, pagedCount)...),
				expectCount("data.isometric_projects.limited", "projects", 52, pagedCount)...),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkPages(reg, "/registry/v0/projects", url.Values{}, 2),
				checkPages(reg, "/registry/v0/suppliers/"+pagedSupplierID+"/projects", url.Values{}, 2)),
		}},
	})
}

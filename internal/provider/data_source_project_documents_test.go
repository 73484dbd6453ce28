package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// documentFields are the attributes of the seed's project document id.
func documentFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	t.Helper()
	d := must(t, x.documents[id], "project document", id)
	return map[string]knownvalue.Check{
		"id": knownvalue.StringExact(d.ID), "project_id": knownvalue.StringExact(d.ProjectID),
		"display_name": knownvalue.StringExact(d.DisplayName), "url": knownvalue.StringExact(d.URL),
	}
}

func TestAccDataSourceProjectDocuments(t *testing.T) {
	reg := newTestRegistry(t, nil)
	const missing = "prj_1NOTAPROJECT0000"
	cfg := func(name, id string) string {
		return fmt.Sprintf("data \"isometric_project_documents\" %q {\n  project_id = %q\n}\n", name, id)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", missing),
				ExpectError: errorText(`Cannot list documents`, fmt.Sprintf(`/projects/%s/documents: 404`, missing), fmt.Sprintf(`Project %s not found`, missing), reg.APIEndpoint),
			},
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", localregistry.DemoDocumentID),
				ExpectError: errorText(fmt.Sprintf(`Invalid project ID %q`, localregistry.DemoDocumentID), `a project ID starts with "prj_"`),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("a1", localregistry.DemoProjectA1ID) + cfg("b1", localregistry.DemoProjectB1ID),
				ConfigStateChecks: append(append(
					expectCount("data.isometric_project_documents.a1", "documents", 2, 2),
					// Sorted by name: "Project Design Document", "Verification Report 2024".
					statecheck.ExpectKnownValue("data.isometric_project_documents.a1", tfjsonpath.New("documents"), objectsExact(
						documentFields(t, reg.seed, localregistry.DemoDocumentID), documentFields(t, reg.seed, localregistry.DemoDocument2ID)))),
					// A project without documents: an empty list, not an error.
					expectCount("data.isometric_project_documents.b1", "documents", 0, 0)...),
				Check: reg.expectPOSTs("", 0),
			},
		},
	})
}

func TestAccDataSourceProjectDocuments_pagination(t *testing.T) {
	reg := newTestRegistry(t, pagedSeed(t, pagedCatalog))
	project := pagedID("prj_", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_project_documents" "all" {
  project_id = %q
}`, project),
			// Sorted by name: the documents were added in reverse name order.
			ConfigStateChecks: append(
				expectCount("data.isometric_project_documents.all", "documents", pagedCount, pagedCount),
				expectIDs("data.isometric_project_documents.all", "documents", pagedIDs("doc_", pagedCount, 1), true),
				statecheck.ExpectKnownValue("data.isometric_project_documents.all", tfjsonpath.New("documents").AtSliceIndex(0).AtMapKey("display_name"),
					knownvalue.StringExact("Paged document 001"))),
			Check: checkPages(reg, "/registry/v0/projects/"+project+"/documents", url.Values{}, 2),
		}, {
			PreConfig: resetRequests(reg),
			Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_project_documents" "limited" {
  project_id = %q
  limit      = 3
}`, project),
			ConfigStateChecks: append(
				expectCount("data.isometric_project_documents.limited", "documents", 3, pagedCount),
				expectIDs("data.isometric_project_documents.limited", "documents", pagedIDs("doc_", pagedCount, pagedCount-2), true)),
			// limit 3 stops after the first page.
			Check: checkPages(reg, "/registry/v0/projects/"+project+"/documents", url.Values{}, 1),
		}},
	})
}

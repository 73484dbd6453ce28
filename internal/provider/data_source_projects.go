package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newProjectsDataSource is isometric_projects: every project (GET /projects), or one supplier's
// (GET /suppliers/{id}/projects).
func newProjectsDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Project]{
		Name: "projects",
		Description: "Lists the projects of the Isometric Registry: all of them (`GET /projects`, sorted by name), " +
			"or those of one supplier when `supplier_id` is set (`GET /suppliers/{id}/projects`, most recently created first).",
		Arguments: map[string]dsschema.Attribute{
			"supplier_id": optionalIDArgument("supplier", "spl_", "Only the projects of this supplier (`spl_…`). Default: every project."),
		},
		Records:     "projects",
		RecordsDesc: "The projects, in the registry's order.",
		Record:      projectAttrs,
		Flatten:     projectValue,
		Pages: func(r *dataSourceRead) pageFetcher[client.Project] {
			if supplierID := r.String("supplier_id"); supplierID != "" {
				return pagesOf(supplierID, r.Client.ListSupplierProjects)
			}
			return pages(r.Client.ListProjects)
		},
	})
}

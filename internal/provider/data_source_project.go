package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// newProjectDataSource is isometric_project: one project by ID (GET /projects/{id}).
func newProjectDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name:        "project",
		Description: "Reads one project of the Isometric Registry by ID (`GET /projects/{id}`): its supplier, status, protocol and credit totals.",
		Arguments: map[string]dsschema.Attribute{
			"id": idArgument("project", "prj_", "Project ID (`prj_…`)."),
		},
		Results: projectAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			p := fetchByID(r, "project", r.String("id"), r.Client.GetProject)
			if p == nil {
				return nil
			}
			return projectValue(*p).Attributes()
		},
	})
}

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newProjectDocumentsDataSource is isometric_project_documents: a project's documents
// (GET /projects/{id}/documents).
func newProjectDocumentsDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.ProjectDocument]{
		Name:        "project_documents",
		Description: "Lists the documents of one project (`GET /projects/{id}/documents`, sorted by document name).",
		Arguments: map[string]dsschema.Attribute{
			"project_id": idArgument("project", "prj_", "Project ID (`prj_…`)."),
		},
		Records:     "documents",
		RecordsDesc: "The project's documents, in the registry's order (by name).",
		Record:      projectDocumentAttrs,
		Flatten:     projectDocumentValue,
		Pages: func(r *dataSourceRead) pageFetcher[client.ProjectDocument] {
			return pagesOf(r.String("project_id"), r.Client.ListProjectDocuments)
		},
	})
}

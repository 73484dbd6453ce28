data "isometric_project_documents" "this" {
  project_id = "prj_1CTWZQGKE1S0VAXA"
}

output "documents" {
  value = { for d in data.isometric_project_documents.this.documents : d.display_name => d.url }
}

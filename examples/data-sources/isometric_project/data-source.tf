data "isometric_project" "this" {
  id = "prj_1CTWZQGKE1S0VAXA"
}

output "project" {
  value = {
    name           = data.isometric_project.this.name
    supplier       = data.isometric_project.this.supplier.organisation.name
    issued_tonnes  = data.isometric_project.this.issued_credits_total.tonnes
    retired_tonnes = data.isometric_project.this.retired_credits_total.tonnes
  }
}

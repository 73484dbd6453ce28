# Every project of the registry, sorted by name.
data "isometric_projects" "all" {}

# The projects of one supplier, most recently created first.
data "isometric_projects" "supplier" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
}

output "validated_projects" {
  value = [for p in data.isometric_projects.all.projects : p.name if p.status == "validated"]
}

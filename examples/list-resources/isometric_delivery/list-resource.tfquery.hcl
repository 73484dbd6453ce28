# A supplier's deliveries against one order, with the state an import would record (terraform
# query, Terraform 1.14 and later); the provider acts with the supplier's access token.
list "isometric_delivery" "order" {
  provider         = isometric
  include_resource = true

  config {
    order_id = "ord_1EVB3M0ZS1S0J7GD"
  }
}

# Every delivery of the supplier to one buyer (order_id conflicts with these two filters).
list "isometric_delivery" "to_buyer" {
  provider = isometric

  config {
    from_supplier_id   = "spl_1CC712KFS1S0YKPS"
    to_organisation_id = "org_1B7YQ2N5D1S0K3HT"
  }
}

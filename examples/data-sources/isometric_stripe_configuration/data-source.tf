# The Stripe Connect configuration of the supplier the access token acts as. A supplier that is
# not set up for Stripe Connect gets an error.
data "isometric_stripe_configuration" "this" {}

locals {
  stripe = data.isometric_stripe_configuration.this
}

# The prices and the currency are null until they are set: coalesce() gives a text instead.
output "credit_price" {
  value = local.stripe.credit_product_price_per_tonne == null ? "no credit price set" : format(
    "%s %s per tonne",
    local.stripe.credit_product_price_per_tonne,
    coalesce(local.stripe.currency, "(currency not set)"),
  )
}

output "stripe_account_id" {
  value = local.stripe.account_id
}

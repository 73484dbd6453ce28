# The Stripe Connect configuration of the supplier the access token acts as. A supplier that is
# not set up for Stripe Connect gets an error.
data "isometric_stripe_configuration" "this" {}

output "credit_price" {
  value = "${data.isometric_stripe_configuration.this.credit_product_price_per_tonne} ${data.isometric_stripe_configuration.this.currency} per tonne"
}

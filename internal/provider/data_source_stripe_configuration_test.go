package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceStripeConfiguration(t *testing.T) {
	const typ = "isometric_stripe_configuration"
	reg := newTestRegistry(t, nil)
	want := must(t, reg.seed.stripeConfigs[localregistry.DemoStripeConfigID], "stripe configuration", localregistry.DemoStripeConfigID)
	if want.SupplierID != localregistry.DemoSupplierAID {
		t.Fatalf("the demo Stripe configuration belongs to %s, want supplier A", want.SupplierID)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Supplier B is not: the registry answers 404, which is a clear error.
			Config: reg.ProviderConfig(localregistry.DemoSupplierBToken) + dataBlock(typ, ""),
			ExpectError: errorText("No Stripe configuration for this organisation",
				"is not set up for Stripe Connect", "endpoint "+reg.APIEndpoint, "404 Not Found to GET /stripe/configuration",
				"Supplier "+localregistry.DemoSupplierBID+" not set up for Stripe Connect",
				"Only suppliers with a Stripe Connect account have a Stripe configuration"),
		}, {
			// A buyer is no supplier: the registry refuses.
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + dataBlock(typ, ""),
			ExpectError: errorText("Cannot read the Stripe configuration", "403 Forbidden", "not a supplier"),
		}, {
			// Supplier A is set up for Stripe Connect.
			Config: reg.ProviderConfig(localregistry.DemoSupplierAToken) + dataBlock(typ, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoStripeConfigID)),
				expectData(typ, attrPath("account_id"), knownvalue.StringExact(want.AccountID)),
				expectData(typ, attrPath("credit_product_price_per_tonne"), stringOrNull(want.CreditProductPricePerTonne)),
				expectData(typ, attrPath("verification_product_price_per_tonne"), stringOrNull(want.VerificationProductPricePerTonne)),
				expectData(typ, attrPath("currency"), stringOrNull(want.Currency)),
				expectData(typ, attrPath("isometric_terms_and_conditions_url"), knownvalue.StringExact(want.IsometricTermsAndConditionsURL)),
			},
			Check: reg.expectPOSTs("", 0),
		}},
	})
}

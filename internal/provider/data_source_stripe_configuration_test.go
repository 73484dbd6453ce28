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
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	want := txFindSeed(t, seed.StripeConfigurations, "stripe configuration", localregistry.DemoStripeConfigID,
		func(c *localregistry.SeedStripeConfiguration) string { return c.ID })
	if want.SupplierID != localregistry.DemoSupplierAID {
		t.Fatalf("the demo Stripe configuration belongs to %s, want supplier A", want.SupplierID)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Supplier B is not: the registry answers 404, which is a clear error.
			Config: reg.ProviderConfig(localregistry.DemoSupplierBToken) + txBlock(typ, ""),
			ExpectError: errorFor("No Stripe configuration for this organisation",
				"is not set up for Stripe Connect", "endpoint "+reg.APIEndpoint, "404 Not Found to GET /stripe/configuration",
				"Supplier "+localregistry.DemoSupplierBID+" not set up for Stripe Connect",
				"Only suppliers with a Stripe Connect account have a Stripe configuration"),
		}, {
			// A buyer is no supplier: the registry refuses.
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, ""),
			ExpectError: errorFor("Cannot read the Stripe configuration", "403 Forbidden", "not a supplier"),
		}, {
			// Supplier A is set up for Stripe Connect.
			Config: reg.ProviderConfig(localregistry.DemoSupplierAToken) + txBlock(typ, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoStripeConfigID)),
				txExpect(typ, txPath("account_id"), knownvalue.StringExact(want.AccountID)),
				txExpect(typ, txPath("credit_product_price_per_tonne"), txOptString(want.CreditProductPricePerTonne)),
				txExpect(typ, txPath("verification_product_price_per_tonne"), txOptString(want.VerificationProductPricePerTonne)),
				txExpect(typ, txPath("currency"), txOptString(want.Currency)),
				txExpect(typ, txPath("isometric_terms_and_conditions_url"), knownvalue.StringExact(want.IsometricTermsAndConditionsURL)),
			},
			Check: checkNoWrites(reg),
		}},
	})
}

package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newStripeConfigurationDataSource is isometric_stripe_configuration: the Stripe Connect
// configuration of the supplier the access token acts as (GET /stripe/configuration).
func newStripeConfigurationDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "stripe_configuration",
		Description: "Reads the Stripe Connect configuration of the supplier the provider's access token acts as " +
			"(`GET /stripe/configuration`): the connected Stripe account, the prices per tonne and their currency. " +
			"It takes no arguments. A supplier that is not set up for Stripe Connect has none: reading it is an error that says so.",
		Results: stripeConfigurationAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			cfg, err := r.Client.GetStripeConfiguration(r.Ctx)
			if errors.Is(err, client.ErrNotFound) {
				said := ""
				var apiErr *client.APIError
				if errors.As(err, &apiErr) && apiErr.Message != "" {
					said = " (" + apiErr.Message + ")"
				}
				r.Diags.AddError("No Stripe configuration for this organisation",
					"The organisation the access token acts as is not set up for Stripe Connect: "+r.pd.where()+
						" answered 404 Not Found to GET /stripe/configuration"+said+".\n\n"+
						"Only suppliers with a Stripe Connect account have a Stripe configuration. Use the access token of such a "+
						"supplier (access_token / "+envAccessToken+"), set the supplier up for Stripe Connect with Isometric, or "+
						"remove this data source.")
				return nil
			}
			if err != nil {
				r.ClientError("Cannot read the Stripe configuration", err)
				return nil
			}
			return stripeConfigurationValues(*cfg)
		},
	})
}

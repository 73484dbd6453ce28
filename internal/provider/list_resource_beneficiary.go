package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newBeneficiaryListResource is the list resource isometric_beneficiary: the beneficiaries of the
// acting organisation (GET /beneficiaries), to adopt with terraform query.
func newBeneficiaryListResource() list.ListResource {
	return newListResource(listResourceSpec[client.Organisation]{
		Spec: &beneficiarySpec,
		Description: "Lists the beneficiaries of the organisation the access token acts as (`GET /beneficiaries`, which has no " +
			"filters), to bring them under Terraform: those added in the registry's dashboard or by another tool. The registry " +
			"never returns emails: an individual beneficiary is listed, and imported, without one (its identity's `email` is null); " +
			"the configuration may add it later, which only records it in the state.",
		Pages: func(pd *providerData, _ map[string]string) pageFetcher[client.Organisation] {
			return pages(pd.Client.ListBeneficiaries)
		},
		Identity: func(o client.Organisation) map[string]string {
			return map[string]string{identityIDAttr: o.ID, identityEmailAttr: ""}
		},
		DisplayName: func(o client.Organisation) string {
			if o.Domain != nil {
				return fmt.Sprintf("%s: %s (organisation, %s)", o.ID, o.Name, *o.Domain)
			}
			return fmt.Sprintf("%s: %s (individual)", o.ID, o.Name)
		},
		State: func(ctx context.Context, _ *providerData, o client.Organisation, state *tfsdk.Resource, diags *diag.Diagnostics) {
			var m beneficiaryModel
			diags.Append(state.Get(ctx, &m)...)
			if diags.HasError() {
				return
			}
			m.Name, m.Domain, m.Email = types.StringValue(o.Name), stringPtrValue(o.Domain), types.StringNull()
			m.Organisation = organisationValue(&o)
			diags.Append(state.Set(ctx, &m)...)
		},
	})
}

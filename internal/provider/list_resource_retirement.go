package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newRetirementListResource is the list resource isometric_retirement: the retirements of
// GET /retirements, filtered by owner and beneficiary, to adopt with terraform query.
func newRetirementListResource() list.ListResource {
	return newListResource(listResourceSpec[client.Retirement]{
		Spec: &retirementSpec,
		Description: "Lists retirements (`GET /retirements`), most recent first, to bring them under Terraform: those made in the " +
			"registry's dashboard or by another tool, optionally only those of an owner and/or on behalf of a beneficiary. Set " +
			"`owner_organisation_id` to your organisation to list only your own.",
		Filters: map[string]listschema.Attribute{
			"owner_organisation_id": listIDFilter("organisation", "org_", "Only retirements of credits owned by this organisation "+
				"(`org_…`), for example your own."),
			"beneficiary_organisation_id": listIDFilter("organisation", "org_", "Only retirements on behalf of this organisation (`org_…`)."),
		},
		Pages: func(pd *providerData, f map[string]string) pageFetcher[client.Retirement] {
			filters := client.RetirementListOptions{OwnerOrgID: f["owner_organisation_id"], BeneficiaryOrgID: f["beneficiary_organisation_id"]}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Retirement], error) {
				opts := filters
				opts.ListOptions = o
				return pd.Client.ListRetirements(ctx, &opts)
			}
		},
		Identity: func(r client.Retirement) map[string]string { return map[string]string{identityIDAttr: r.ID} },
		DisplayName: func(r client.Retirement) string {
			return fmt.Sprintf("%s: %s t retired on behalf of %s on %s", r.ID, tonnesString(r.CreditBatchSizeTotal.CreditKgs),
				r.Beneficiary.Name, shortDate(r.RetiredAt))
		},
		State: func(ctx context.Context, pd *providerData, r client.Retirement, state *tfsdk.Resource, diags *diag.Diagnostics) {
			var m retirementModel
			diags.Append(state.Get(ctx, &m)...)
			batches, err := pd.Client.ListRetirementCreditBatches(ctx, r.ID)
			if err != nil {
				pd.addClientError(diags, fmt.Sprintf("Cannot read the credit batches of retirement %s", r.ID), err)
			}
			if diags.HasError() {
				return
			}
			fillRetirement(ctx, pd.View, &m, &r, batches.Nodes, true)
			diags.Append(state.Set(ctx, &m)...)
		},
	})
}

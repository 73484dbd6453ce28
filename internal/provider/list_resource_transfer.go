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

// newTransferListResource is the list resource isometric_transfer: the transfers of
// GET /transfers, filtered by sender and recipient, to adopt with terraform query.
func newTransferListResource() list.ListResource {
	return newListResource(listResourceSpec[client.Transfer]{
		Spec: &transferSpec,
		Description: "Lists transfers of credits (`GET /transfers`), most recent first, to bring them under Terraform: those made " +
			"in the registry's dashboard or by another tool, optionally only those from a sending and/or to a receiving organisation.",
		Filters: map[string]listschema.Attribute{
			"from_organisation_id": listIDFilter("organisation", "org_", "Only transfers from this organisation (`org_…`), for example your own."),
			"to_organisation_id":   listIDFilter("organisation", "org_", "Only transfers to this organisation (`org_…`)."),
		},
		Pages: func(pd *providerData, f map[string]string) pageFetcher[client.Transfer] {
			filters := client.TransferListOptions{FromOrganisationID: f["from_organisation_id"], ToOrganisationID: f["to_organisation_id"]}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Transfer], error) {
				opts := filters
				opts.ListOptions = o
				return pd.Client.ListTransfers(ctx, &opts)
			}
		},
		Identity: func(t client.Transfer) map[string]string { return map[string]string{identityIDAttr: t.ID} },
		DisplayName: func(t client.Transfer) string {
			return fmt.Sprintf("%s: %s t from %s to %s on %s", t.ID, tonnesString(t.CreditBatchSizeTotal.CreditKgs),
				t.FromOrganisation.Name, t.ToOrganisation.Name, shortDate(t.TransferredAt))
		},
		State: func(ctx context.Context, pd *providerData, t client.Transfer, state *tfsdk.Resource, diags *diag.Diagnostics) {
			var m transferModel
			diags.Append(state.Get(ctx, &m)...)
			batches, err := pd.Client.ListTransferCreditBatches(ctx, t.ID)
			if err != nil {
				pd.addClientError(diags, fmt.Sprintf("Cannot read the credit batches of transfer %s", t.ID), err)
			}
			if diags.HasError() {
				return
			}
			fillTransfer(&m, &t, batches.Nodes, true)
			diags.Append(state.Set(ctx, &m)...)
		},
	})
}

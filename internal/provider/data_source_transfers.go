package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newTransfersDataSource is isometric_transfers: transfers filtered by sender and/or recipient (GET /transfers).
func newTransfersDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Transfer]{
		Name: "transfers",
		Description: "Lists transfers of credits between organisations (`GET /transfers`), most recently transferred first, " +
			"optionally only those from and/or to an organisation. `total` adds up the transfers read.",
		Arguments: map[string]dsschema.Attribute{
			"from_organisation_id": optionalIDArgument("organisation", "org_", "Only transfers sent by this organisation (`org_…`)."),
			"to_organisation_id":   optionalIDArgument("organisation", "org_", "Only transfers received by this organisation (`org_…`)."),
		},
		Records:     "transfers",
		RecordsDesc: "The transfers, most recently transferred first.",
		Record:      transferAttrs,
		Flatten:     transferValue,
		Totals:      []computedAttr{quantityTotalAttr("transferred")},
		Kg:          func(t client.Transfer) int64 { return t.CreditBatchSizeTotal.CreditKgs },
		Total:       quantityTotal,
		Pages: func(r *dataSourceRead) pageFetcher[client.Transfer] {
			filters := client.TransferListOptions{
				FromOrganisationID: r.String("from_organisation_id"),
				ToOrganisationID:   r.String("to_organisation_id"),
			}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Transfer], error) {
				opts := filters
				opts.ListOptions = o
				return r.Client.ListTransfers(ctx, &opts)
			}
		},
	})
}

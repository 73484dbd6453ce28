package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// creditBatchFilters maps the ID filter arguments of isometric_credit_batches to their kind and prefix.
var creditBatchFilters = []struct {
	name, kind, prefix, desc string
	set                      func(o *client.CreditBatchListOptions, id string)
}{
	{"supplier_id", "supplier", "spl_", "Only batches issued to this supplier (`spl_…`).", func(o *client.CreditBatchListOptions, id string) { o.SupplierID = id }},
	{"project_id", "project", "prj_", "Only batches issued for this project (`prj_…`).", func(o *client.CreditBatchListOptions, id string) { o.ProjectID = id }},
	{"issuance_id", "issuance", "iss_", "Only batches of this issuance (`iss_…`).", func(o *client.CreditBatchListOptions, id string) { o.IssuanceID = id }},
	{"delivery_id", "delivery", "dlv_", "Only batches that were part of this delivery (`dlv_…`).", func(o *client.CreditBatchListOptions, id string) { o.DeliveryID = id }},
	{"order_id", "order", "ord_", "Only batches delivered against this order (`ord_…`).", func(o *client.CreditBatchListOptions, id string) { o.OrderID = id }},
	{"retirement_id", "retirement", "ret_", "Only batches that were part of this retirement (`ret_…`).", func(o *client.CreditBatchListOptions, id string) { o.RetirementID = id }},
}

// newCreditBatchesDataSource is isometric_credit_batches: every credit batch owned or retired on
// behalf of an organisation that matches the filters (GET /organisations/{id}/credit_batches).
func newCreditBatchesDataSource() datasource.DataSource {
	args := map[string]dsschema.Attribute{
		"organisation_id": organisationIDArgument("credit batches"),
		"statuses": enumSetArgument("Only batches with one of these statuses. Default: `active` and `retired` "+
			"(the registry leaves out `split` batches unless asked for them).",
			string(client.CreditBatchStatusActive), string(client.CreditBatchStatusSplit), string(client.CreditBatchStatusRetired)),
		"issued_after":  timestampArgument("Only batches issued strictly after this time."),
		"issued_before": timestampArgument("Only batches issued strictly before this time."),
		"sort_direction": enumArgument("Order of the batches by issue time (`issued_at`). Default: `desc`, most recently issued first.",
			string(client.SortDirectionAsc), string(client.SortDirectionDesc)),
	}
	for _, f := range creditBatchFilters {
		args[f.name] = optionalIDArgument(f.kind, f.prefix, f.desc)
	}
	return listDataSource(listSpec[client.CreditBatch]{
		Name: "credit_batches",
		Description: "Lists the credit batches owned by an organisation or retired on its behalf " +
			"(`GET /organisations/{id}/credit_batches`), with every filter of the registry; combined filters " +
			"intersect. Also sums their sizes (`total_kg`, `total_tonnes`).",
		Arguments:        args,
		ConfigValidators: []datasource.ConfigValidator{issuedRangeValidator{}},
		Records:          "credit_batches",
		RecordsDesc:      "The matching credit batches, in the requested order.",
		Record:           creditBatchAttrs,
		Flatten:          creditBatchValue,
		Totals: []computedAttr{
			{Name: "total_kg", Type: types.Int64Type, Desc: "Sum of the sizes of the batches read, in kg."},
			{Name: "total_tonnes", Type: types.NumberType, Desc: "The same sum in tonnes (credits), exact to 3 decimals."},
		},
		Kg: func(b client.CreditBatch) int64 { return b.Size.CreditKgs },
		Total: func(kg int64) map[string]attr.Value {
			return map[string]attr.Value{"total_kg": types.Int64Value(kg), "total_tonnes": types.NumberValue(tonnesFromKg(kg))}
		},
		Pages: func(r *dataSourceRead) pageFetcher[client.CreditBatch] {
			orgID := r.OrganisationID("organisation_id")
			if orgID == "" {
				return nil
			}
			filters := client.CreditBatchListOptions{
				IssuedAfter:  r.String("issued_after"),
				IssuedBefore: r.String("issued_before"),
			}
			for _, f := range creditBatchFilters {
				f.set(&filters, r.String(f.name))
			}
			for _, s := range r.Strings("statuses") {
				filters.Status = append(filters.Status, client.CreditBatchStatus(s))
			}
			if dir := r.String("sort_direction"); dir != "" {
				filters.SortField, filters.SortDirection = client.CreditBatchSortFieldIssuedAt, client.SortDirection(dir)
			}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.CreditBatch], error) {
				opts := filters
				opts.ListOptions = o
				return r.Client.ListOrganisationCreditBatches(ctx, orgID, &opts)
			}
		},
	})
}

// issuedRangeValidator rejects an issued_after that is not before issued_before (the result
// would always be empty).
type issuedRangeValidator struct{}

func (issuedRangeValidator) Description(context.Context) string {
	return "issued_after must be before issued_before"
}

func (v issuedRangeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (issuedRangeValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var after, before types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("issued_after"), &after)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("issued_before"), &before)...)
	if after.IsNull() || after.IsUnknown() || before.IsNull() || before.IsUnknown() {
		return
	}
	a, errA := time.Parse(time.RFC3339, after.ValueString())
	b, errB := time.Parse(time.RFC3339, before.ValueString())
	if errA != nil || errB != nil || a.Before(b) {
		return // malformed values are reported by the attribute validators
	}
	addAttributeError(&resp.Diagnostics, path.Root("issued_before"), "Empty issue time range",
		fmt.Sprintf("issued_after (%s) is not before issued_before (%s), so no batch can match (both bounds are exclusive). "+
			"Swap the values or widen the range.", after.ValueString(), before.ValueString()))
}

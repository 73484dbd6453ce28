package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*organisationDataSource)(nil)

// organisationDataSource reads one organisation: by id, or the one the access token acts as.
type organisationDataSource struct {
	pd *providerData
}

func newOrganisationDataSource() datasource.DataSource { return &organisationDataSource{} }

type organisationDataSourceModel struct {
	ID     types.String `tfsdk:"id"`
	Name   types.String `tfsdk:"name"`
	Domain types.String `tfsdk:"domain"`
}

func (d *organisationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organisation"
}

func (d *organisationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttributes(organisationAttrs)
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Organisation ID (`org_…`, 20 to 37 characters). Omit it to read the organisation the provider's " +
			"access token acts as (your own organisation).",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{isometricIDValidator("organisation", "org_")},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an organisation of the Isometric Registry: the one with the given `id`, or, without `id`, " +
			"the organisation the provider's access token acts as (`GET /organisation`), which is how you find your own organisation ID.",
		Attributes: attrs,
	}
}

func (d *organisationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *organisationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.pd == nil {
		resp.Diagnostics.AddError("Isometric provider not configured",
			"The data source isometric_organisation was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}
	if !d.pd.ready(&resp.Diagnostics) {
		return
	}
	var m organisationDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	var (
		org     *client.Organisation
		err     error
		summary string
	)
	if m.ID.IsNull() {
		summary = "Cannot read the current organisation"
		org, err = d.pd.Client.CurrentOrganisation(ctx)
	} else {
		summary = fmt.Sprintf("Cannot read organisation %q", m.ID.ValueString())
		org, err = d.pd.Client.GetOrganisation(ctx, m.ID.ValueString())
	}
	if err != nil {
		d.pd.addClientError(&resp.Diagnostics, summary, err)
		return
	}

	m.ID = types.StringValue(org.ID)
	m.Name = types.StringValue(org.Name)
	m.Domain = stringPtrValue(org.Domain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Command minimal is the baseline of `make bench`: a terraform-plugin-framework provider with no
// API and one resource, minimal_thing, of a handful of string attributes and an id (the shape of
// random_string). The bench plans the same number of these as of isometric_retirement, so the
// ratio shows the provider's own cost above the framework's.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return &minimalProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/bench/minimal"}); err != nil {
		log.Fatal(err)
	}
}

type minimalProvider struct{}

func (p *minimalProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "minimal"
}

func (p *minimalProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *minimalProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *minimalProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &thing{} }}
}

func (p *minimalProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type thing struct{}

type thingModel struct {
	ID       types.String `tfsdk:"id"`
	Supplier types.String `tfsdk:"supplier"`
	Batch    types.String `tfsdk:"batch"`
	Purpose  types.String `tfsdk:"purpose"`
	Notes    types.String `tfsdk:"notes"`
	Result   types.String `tfsdk:"result"`
}

func (t *thing) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (t *thing) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":       schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"supplier": schema.StringAttribute{Required: true, PlanModifiers: replace},
		"batch":    schema.StringAttribute{Required: true, PlanModifiers: replace},
		"purpose":  schema.StringAttribute{Required: true, PlanModifiers: replace},
		"notes":    schema.StringAttribute{Optional: true, PlanModifiers: replace},
		"result":   schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
	}}
}

func (t *thing) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m thingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	sum := sha256.Sum256([]byte(m.Supplier.ValueString() + m.Batch.ValueString() + m.Purpose.ValueString() + m.Notes.ValueString()))
	m.ID = types.StringValue(hex.EncodeToString(sum[:8]))
	m.Result = types.StringValue(hex.EncodeToString(sum[8:16]))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (t *thing) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m thingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (t *thing) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (t *thing) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

package provider

// Immutable transactions: what isometric_retirement, isometric_transfer, isometric_delivery and
// isometric_beneficiary share. A transaction is recorded permanently by the registry, so:
//
//   - transactionSpec describes a resource (type name, noun, ID prefix, equivalence hooks);
//     spec.ModifyPlan refuses a change of any argument (never a replace, which would carry out the
//     operation again) and warns on destroy; spec.Delete forgets without calling the API;
//     spec.AddNotFoundError is Read's error for a 404 (never a removal from state);
//     spec.ImportState imports by ID or by identity.
//   - Identity: every transaction resource is identified by its registry ID (the `id` of the
//     identity, spec.IdentitySchema), recorded next to the state by Create, Read and Update
//     (setIdentity), so that `import { identity = { id = ... } }` and `terraform query` work.
//   - transactionResource is embedded by every resource: Metadata, Configure, IdentitySchema,
//     Update, Delete, ImportState, and the planCreate / configured guards.
//   - readRecord and recordedBatchesAttr/Value read and record a transaction with its batches.
//
// Creating exactly once is in transaction_create.go, the credit_batch_quantities argument in
// credit_batch_quantities.go, organisation defaults in organisations.go.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// transactionSpec describes one immutable transaction resource for the shared machinery.
// Declare one per resource as a package variable and call its methods from the resource's
// ModifyPlan, Update, Delete, Read and ImportState.
type transactionSpec struct {
	// TypeName is the resource type, e.g. "isometric_retirement".
	TypeName string
	// Noun names one record in messages, e.g. "retirement".
	Noun string
	// IDPrefix is the prefix of the record's ID, e.g. "ret_" (checked on import).
	IDPrefix string
	// Verb is what the operation does to credits, e.g. "retire" ("" for a beneficiary).
	Verb string
	// NewOperationHint says how to do another operation of this kind, e.g. "To retire more
	// credits, declare another isometric_retirement resource". Optional.
	NewOperationHint string
	// Equivalent optionally declares, per top-level argument name, when a configured value that
	// differs from the recorded one still describes the same record (for example a configured
	// credit batch whose recorded left child took part in the transaction, after an import). It is
	// only called for a known, non-null config value that differs from the state value. When it
	// returns true the plan keeps the recorded (state) value, which Terraform accepts as
	// "functionally equivalent", and the plan shows no change.
	Equivalent map[string]equivalence
}

// equivalence reports whether the configured value of an argument, which differs from the recorded
// one, still describes the recorded record (see transactionSpec.Equivalent).
type equivalence func(ctx context.Context, pd *providerData, req resource.ModifyPlanRequest) (bool, diag.Diagnostics)

// ModifyPlan implements the immutability rules for resource.ResourceWithModifyPlan and reports
// whether the plan creates the resource (the caller then runs its create-time registry checks).
//
//   - destroy: adds the destroy warning (see destroyWarning) and returns false;
//   - create: returns true and changes nothing;
//   - update: compares the config value of every argument (every attribute that is Required or
//     Optional; Computed-only attributes and blocks such as `timeouts` are not arguments) with
//     state. An Optional+Computed argument left null in config keeps its recorded value. Any other
//     difference (unless spec.Equivalent says it is the same record) is an error on that
//     attribute that explains permanence and the two ways forward. Without errors the plan
//     becomes the state, except for blocks (timeouts), which follow the config; so computed
//     attributes never show "(known after apply)".
//
// pd is the resource's provider data (nil when the provider is not configured yet); it is handed
// to the Equivalent hooks.
func (s *transactionSpec) ModifyPlan(ctx context.Context, pd *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (creating bool) {
	switch {
	case req.Plan.Raw.IsNull():
		if !req.State.Raw.IsNull() {
			id := stateID(ctx, req.State)
			tflog.Info(ctx, "Planning to forget a "+s.Noun+": no registry call, the record stays", map[string]any{"id": id})
			resp.Diagnostics.AddWarning(s.destroyWarning(id))
			s.checkRename(ctx, pd, req, resp)
		}
		return false
	case req.State.Raw.IsNull():
		return true
	}

	id := stateID(ctx, req.State)
	for name, a := range req.Config.Schema.GetAttributes() {
		if (!a.IsRequired() && !a.IsOptional()) || name == allowRepeatAttr {
			continue // allow_repeat only matters at create: it follows the configuration
		}
		cfg, err := rawAttribute(req.Config.Raw, name)
		if err != nil {
			resp.Diagnostics.AddError("Cannot read the configuration", err.Error())
			return false
		}
		st, err := rawAttribute(req.State.Raw, name)
		if err != nil {
			resp.Diagnostics.AddError("Cannot read the state", err.Error())
			return false
		}
		if cfg.IsNull() && a.IsComputed() {
			continue // an Optional+Computed argument left unset keeps its recorded value
		}
		if cfg.Equal(st) {
			continue
		}
		if cfg.IsFullyKnown() {
			if eq := s.Equivalent[name]; eq != nil {
				same, diags := eq(ctx, pd, req)
				resp.Diagnostics.Append(diags...)
				if diags.HasError() {
					continue
				}
				if same {
					tflog.Debug(ctx, "Configured value describes the recorded "+s.Noun, map[string]any{"id": id, "attribute": name})
					continue
				}
			}
		}
		tflog.Info(ctx, "Refusing to change a recorded "+s.Noun, map[string]any{"id": id, "attribute": name})
		addAttributeError(&resp.Diagnostics, path.Root(name), s.changeErrorSummary(name), s.changeErrorDetail(id, name, st, cfg))
	}
	if resp.Diagnostics.HasError() {
		return false
	}
	planned, err := stateWithBlocksFrom(req.State, req.Plan)
	if err != nil {
		resp.Diagnostics.AddError("Cannot build the plan", err.Error())
		return false
	}
	resp.Plan.Raw = planned
	return false
}

// Update implements resource.Resource.Update. After ModifyPlan only blocks that are not
// arguments (the `timeouts` block) and allow_repeat can differ from state, so it stores the plan
// as is, with the identity (a state written before identities existed gets one here).
func (s *transactionSpec) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
	setIdentity(ctx, resp.Identity, map[string]string{identityIDAttr: stateIDOfPlan(ctx, req.Plan)}, &resp.Diagnostics)
}

// identityIDAttr is the identity attribute holding the registry ID of a transaction.
const identityIDAttr = "id"

// IdentitySchema is the identity of a transaction resource: its registry ID, all that import
// needs (`import { to = ..., identity = { id = "ret_..." } }`, Terraform 1.12 and later).
func (s *transactionSpec) IdentitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		identityIDAttr: identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       fmt.Sprintf("Registry ID of the %s (`%s…`), the same as the resource's `id`.", s.Noun, s.IDPrefix),
		},
	}}
}

// setIdentity records the identity of a resource next to its state: values by identity attribute
// name; an empty value is recorded as null. identity is nil when the CLI does not support
// identities (before Terraform 1.12): nothing is recorded then.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, values map[string]string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	for name, v := range values {
		val := types.StringNull()
		if v != "" {
			val = types.StringValue(v)
		}
		diags.Append(identity.SetAttribute(ctx, path.Root(name), val)...)
	}
}

// stateIDOfPlan returns the `id` of a plan ("" when unknown or absent).
func stateIDOfPlan(ctx context.Context, plan tfsdk.Plan) string {
	var id *string
	if diags := plan.GetAttribute(ctx, path.Root("id"), &id); diags.HasError() || id == nil {
		return ""
	}
	return *id
}

// Delete implements resource.Resource.Delete: no API call (the registry has no delete), the
// resource leaves the state and the apply shows the destroy warning.
func (s *transactionSpec) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	id := stateID(ctx, req.State)
	tflog.Info(ctx, "Removing a "+s.Noun+" from state only: the registry keeps it", map[string]any{"id": id})
	resp.Diagnostics.AddWarning(s.destroyWarning(id))
	resp.State.RemoveResource(ctx)
}

// destroyWarning is the warning of a destroy plan and apply.
func (s *transactionSpec) destroyWarning(id string) (summary, detail string) {
	return fmt.Sprintf("The registry keeps %s %s permanently", s.Noun, id),
		fmt.Sprintf("Destroying %s only removes %s %s from the Terraform state: the Isometric Registry has no way to undo "+
			"or delete it, and the provider sends no request. The record stays in the registry permanently (see it with the "+
			"data sources of this provider or in the registry UI); to manage it again later, import it by its ID (%s).",
			s.TypeName, s.Noun, id, id)
}

func (s *transactionSpec) changeErrorSummary(name string) string {
	return fmt.Sprintf("Cannot change %s of a recorded %s", name, s.Noun)
}

// changeErrorDetail explains permanence and the two ways forward.
func (s *transactionSpec) changeErrorDetail(id, name string, recorded, configured tftypes.Value) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s is recorded permanently in the Isometric Registry. Its arguments cannot change, and the provider "+
		"never replaces it: a replacement would carry out the operation a second time.\n\n", s.Noun, id)
	fmt.Fprintf(&b, "%s is recorded as %s; the configuration now says %s. If the configured value comes from a data source or "+
		"anything else that follows the registry (a live balance, for example), it changes after every operation: write it as "+
		"a constant instead.\n\n", name, renderRaw(recorded), renderRaw(configured))
	b.WriteString("To go on, restore the recorded value, then either:\n")
	hint := s.NewOperationHint
	if hint == "" {
		hint = "For a new operation, declare a new " + s.TypeName + " resource"
	}
	fmt.Fprintf(&b, "  - %s (this one stays as it is);\n", hint)
	fmt.Fprintf(&b, "  - or, to stop managing this %s, remove its resource block and add\n"+
		"      removed {\n        from = %s.NAME\n        lifecycle {\n          destroy = false\n        }\n      }\n"+
		"    (or run `terraform state rm %s.NAME`). The registry keeps the record either way.", s.Noun, s.TypeName, s.TypeName)
	return b.String()
}

// AddNotFoundError adds the Read error for a known transaction that the registry answers 404 for.
// The caller must NOT remove the resource from state: Terraform would then plan to create it
// again, a second POST. err is the client's error.
func (s *transactionSpec) AddNotFoundError(diags *diag.Diagnostics, pd *providerData, id string, err error) {
	addAttributeError(diags, path.Root("id"), fmt.Sprintf("%s %s not found in the registry", capitalize(s.Noun), id),
		fmt.Sprintf("The state records %s %s, but %s answers that it does not exist (%v).\n\n"+
			"A recorded %s cannot disappear from the registry, so the likely cause is that the provider now uses credentials "+
			"of another environment (sandbox vs production: environment / %s, endpoint / %s, client_secret / %s) or of another "+
			"organisation (access_token / %s) than the ones that created it. Use the credentials of the organisation that owns it "+
			"in the environment where it was created.\n\n"+
			"The provider keeps it in state rather than forgetting it, because forgetting it would make Terraform %s again. "+
			"If you really want to stop managing it, use a `removed` block with `lifecycle { destroy = false }` or "+
			"`terraform state rm %s.NAME`.",
			s.Noun, id, pd.where(), err, s.Noun, envEnvironment, envEndpoint, envClientSecret, envAccessToken,
			s.createVerbPhrase(), s.TypeName))
}

func (s *transactionSpec) createVerbPhrase() string {
	return "create the " + s.Noun + " (and carry out the operation)"
}

// ImportState implements resource.ResourceWithImportState for an import by ID (`terraform
// import`, an import block's `id`) or by identity (an import block's `identity`, Terraform 1.12 and
// later): it checks the ID's prefix and length and sets `id` and the identity; Read then fills the
// rest from the registry (it must derive the arguments when they are null, see the resource).
func (s *transactionSpec) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, byIdentity := strings.TrimSpace(req.ID), false
	if req.ID == "" && req.Identity != nil {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identityIDAttr), &v)...)
		if resp.Diagnostics.HasError() {
			return
		}
		id, byIdentity = strings.TrimSpace(v.ValueString()), true
	}
	if err := checkIsometricID(s.Noun, s.IDPrefix, id); err != nil {
		if byIdentity {
			addAttributeError(&resp.Diagnostics, path.Root(identityIDAttr), fmt.Sprintf("Invalid %s identity %q", s.Noun, id),
				fmt.Sprintf("The identity of %s is its registry ID: %s.\nExample:\n  import {\n    to       = %s.NAME\n    identity = { id = \"%s1FYBH4QDT1S0SVKF\" }\n  }",
					withArticle(s.Noun), err, s.TypeName, s.IDPrefix))
			return
		}
		resp.Diagnostics.AddError(fmt.Sprintf("Invalid %s import ID %q", s.Noun, req.ID),
			fmt.Sprintf("Import %s by its registry ID: %s.\nExample: terraform import %s.NAME %s1FYBH4QDT1S0SVKF",
				withArticle(s.Noun), err, s.TypeName, s.IDPrefix))
		return
	}
	tflog.Info(ctx, "Importing a "+s.Noun, map[string]any{"id": id, "by_identity": byIdentity})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setIdentity(ctx, resp.Identity, map[string]string{identityIDAttr: id}, &resp.Diagnostics)
}

// adoptionNote ends the description of a transaction resource: how records made outside Terraform
// are adopted (identity, the list resource); identity is an example of the import block's identity.
func adoptionNote(s *transactionSpec, identity string) string {
	return fmt.Sprintf("A record made outside Terraform is adopted with an import block naming it by `id` or, with Terraform 1.12 and later, "+
		"by its identity, `%s`. With Terraform 1.14 and later the list resource `%s` finds such records for `terraform query`, "+
		"which can write their configuration (see the guide [Adopt your registry history](../guides/adopt-registry-history)).", identity, s.TypeName)
}

// importHint tells how to bring an existing record of this kind under management.
func (s *transactionSpec) importHint(id string) string {
	if id == "" {
		id = s.IDPrefix + "…"
	}
	return fmt.Sprintf("`terraform import %s.NAME %s`, or an import block:\n  import {\n    to = %s.NAME\n    id = %q\n  }",
		s.TypeName, id, s.TypeName, id)
}

// stateID returns the `id` of a state ("" when unknown or absent).
func stateID(ctx context.Context, st tfsdk.State) string {
	var id *string
	if diags := st.GetAttribute(ctx, path.Root("id"), &id); diags.HasError() || id == nil {
		return ""
	}
	return *id
}

// rawAttribute returns the value of a top-level attribute of an object value.
func rawAttribute(obj tftypes.Value, name string) (tftypes.Value, error) {
	v, _, err := tftypes.WalkAttributePath(obj, tftypes.NewAttributePath().WithAttributeName(name))
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("attribute %q: %w", name, err)
	}
	tv, ok := v.(tftypes.Value)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("attribute %q: unexpected %T", name, v)
	}
	return tv, nil
}

// stateWithBlocksFrom returns the state object with the values of the schema's blocks (e.g.
// `timeouts`) and of allow_repeat taken from the plan: they change nothing in the registry.
func stateWithBlocksFrom(st tfsdk.State, plan tfsdk.Plan) (tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	if err := st.Raw.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	if _, ok := attrs[allowRepeatAttr]; ok {
		v, err := rawAttribute(plan.Raw, allowRepeatAttr)
		if err != nil {
			return tftypes.Value{}, err
		}
		attrs[allowRepeatAttr] = v
	}
	for name := range plan.Schema.GetBlocks() {
		v, err := rawAttribute(plan.Raw, name)
		if err != nil {
			return tftypes.Value{}, err
		}
		attrs[name] = v
	}
	return tftypes.NewValue(st.Raw.Type(), attrs), nil
}

// recordedBatchesAttr describes the credit_batches attribute of a batch transaction; kind is the
// API collection ("transfers", "deliveries").
func recordedBatchesAttr(kind, verb string) computedAttr {
	return computedAttr{Name: "credit_batches", List: creditBatchSummaryAttrs,
		Desc: fmt.Sprintf("Credit batches %s, as the registry records them (`GET /%s/{id}/credit_batches`). For less than a whole "+
			"batch this is its left child, the new batch that holds the %s part.", verb, kind, verb)}
}

// recordedBatchesValue is the credit_batches value of a transaction's batches.
func recordedBatchesValue(batches []client.CreditBatch) types.List {
	return creditBatchListValue(creditBatchSummaryAttrs, creditBatchSummaryValue, batches)
}

// withTimeout bounds ctx by the resource's timeouts value (get is e.g. m.Timeouts.Create).
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := get(ctx, def)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

// readRecord fetches a transaction and, unless the state holds them already (recorded), the credit
// batches it involved, for a resource's Read: a transaction's batches never change, so a refresh
// reads only the record. A 404 is the not-found error (never a removal from state, which would
// lead to a second POST); any error is added to diags and ok is false. batches is nil when recorded.
func readRecord[T any](ctx context.Context, s *transactionSpec, pd *providerData, id string, recorded types.List,
	get func(context.Context, string) (*T, error),
	listBatches func(context.Context, string) (*client.List[client.CreditBatch], error),
	diags *diag.Diagnostics,
) (record *T, batches []client.CreditBatch, ok bool) {
	record, err := get(ctx, id)
	if err != nil {
		if errors.Is(err, client.ErrNotFound) {
			s.AddNotFoundError(diags, pd, id, err)
			return nil, nil, false
		}
		pd.addClientError(diags, fmt.Sprintf("Cannot read %s %s", s.Noun, id), err)
		return nil, nil, false
	}
	if !recorded.IsNull() && !recorded.IsUnknown() && len(recorded.Elements()) > 0 {
		return record, nil, true
	}
	list, err := listBatches(ctx, id)
	if err != nil {
		pd.addClientError(diags, fmt.Sprintf("Cannot read the credit batches of %s %s", s.Noun, id), err)
		return nil, nil, false
	}
	return record, list.Nodes, true
}

// Default timeouts of the transaction resources that have a timeouts block (overridable there).
const (
	transactionCreateTimeout = 10 * time.Minute
	transactionReadTimeout   = 5 * time.Minute
)

// transactionResource is what every transaction resource shares: its spec, the provider data, and
// the methods that are the same for all of them (Metadata, Configure, Update, Delete,
// ImportState). Each resource embeds it and adds its Schema, ModifyPlan, Create and Read.
type transactionResource struct {
	spec *transactionSpec
	pd   *providerData
}

func (r *transactionResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.spec.TypeName
}

func (r *transactionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.spec.IdentitySchema()
}

// recordIdentity records the identity of the transaction id next to the state (Create, refresh).
func recordIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, map[string]string{identityIDAttr: id}, diags)
}

func (r *transactionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.pd = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// planCreate applies the immutability rules (transactionSpec.ModifyPlan) and reports whether the
// plan creates the resource with a configured provider: the resource then runs its registry checks.
// A create needs the registry at plan time, so incomplete provider settings are reported here.
func (r *transactionResource) planCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	return r.spec.ModifyPlan(ctx, r.pd, req, resp) && r.pd != nil && r.pd.ready(&resp.Diagnostics)
}

// configured reports whether the provider was configured with usable settings; otherwise it adds
// an error (the settings' errors, see providerData.ready). Terraform configures the provider
// before Create and Read, so a nil provider data only guards against misuse.
func (r *transactionResource) configured(diags *diag.Diagnostics) bool {
	if r.pd == nil {
		diags.AddError("Provider not configured", fmt.Sprintf("The isometric provider was not configured; cannot use %s %s.",
			withArticle(r.spec.Noun), r.spec.TypeName))
		return false
	}
	return r.pd.ready(diags)
}

func (r *transactionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.spec.Update(ctx, req, resp)
}

func (r *transactionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.spec.Delete(ctx, req, resp)
}

func (r *transactionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.spec.ImportState(ctx, req, resp)
}

// transactionSchema is the schema of a transaction resource with a timeouts block (create and
// read): the description, the arguments and computed attributes, and the block.
func transactionSchema(ctx context.Context, description string, attrs map[string]schema.Attribute) schema.Schema {
	return schema.Schema{
		MarkdownDescription: description,
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true}),
		},
	}
}

// plansUnchangedAsState marks the transaction resources as resourceWithStatePlan: their plan of an
// unchanged record is its state (transactionSpec.ModifyPlan), so the server answers it directly.
func (r *transactionResource) plansUnchangedAsState() {}

// refreshModel is the refresh of a transaction resource (resourceWithRefresh): it reads the model
// from state, bounds ctx by its read timeout (timeoutsOf), lets read fetch the record and fill the
// model (it returns the record's ID, or false after reporting an error), records the identity, and
// writes the model to state only when it changed, which it reports.
func refreshModel[M any](ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics,
	timeoutsOf func(*M) timeouts.Value, read func(ctx context.Context, m *M) (id string, ok bool),
) bool {
	var m M
	diags.Append(state.Get(ctx, &m)...)
	if diags.HasError() {
		return false
	}
	ctx, cancel := withTimeout(ctx, timeoutsOf(&m).Read, transactionReadTimeout, diags)
	defer cancel()
	if diags.HasError() {
		return false
	}
	recorded := m
	id, ok := read(ctx, &m)
	if !ok {
		return false
	}
	recordIdentity(ctx, identity, id, diags)
	if sameModel(recorded, m) {
		return false
	}
	diags.Append(state.Set(ctx, &m)...)
	return true
}

// importing reports whether a refresh derives the arguments of record id from the registry: when
// the state holds none of them (argumentsNull), after an import.
func (s *transactionSpec) importing(ctx context.Context, id string, argumentsNull bool) bool {
	if argumentsNull {
		tflog.Info(ctx, "Deriving the arguments of an imported "+s.Noun+" from the registry", map[string]any{"id": id})
	}
	return argumentsNull
}

// sameModel reports whether a and b, two values of one model type (a struct of attr.Value
// fields), hold equal values: a refresh that changes nothing leaves the state as it came.
func sameModel[T any](a, b T) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() != reflect.Struct {
		return false
	}
	for i := range va.NumField() {
		x, okx := va.Field(i).Interface().(attr.Value)
		y, oky := vb.Field(i).Interface().(attr.Value)
		if !okx || !oky || !x.Equal(y) {
			return false
		}
	}
	return true
}

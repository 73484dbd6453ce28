package provider

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*beneficiaryResource)(nil)
	_ resource.ResourceWithValidateConfig = (*beneficiaryResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*beneficiaryResource)(nil)
	_ resource.ResourceWithImportState    = (*beneficiaryResource)(nil)
	_ resource.ResourceWithIdentity       = (*beneficiaryResource)(nil)
)

// beneficiaryResource is isometric_beneficiary: an organisation or individual the acting
// organisation may retire credits on behalf of (POST /beneficiary). The registry has no update,
// delete or GET by ID for beneficiaries: Read finds it in GET /beneficiaries.
type beneficiaryResource struct {
	transactionResource
}

func newBeneficiaryResource() resource.Resource {
	return &beneficiaryResource{transactionResource{spec: &beneficiarySpec}}
}

type beneficiaryModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Domain       types.String `tfsdk:"domain"`
	Email        types.String `tfsdk:"email"`
	Organisation types.Object `tfsdk:"organisation"`
}

// beneficiaryImportSeparator separates the organisation ID from an individual's email in an import ID.
const beneficiaryImportSeparator = ","

// beneficiaryNameMaxLength and beneficiaryDomainMaxLength are the spec's maxLength of
// beneficiary_name and beneficiary_domain; emails are limited by RFC 5321 (254 characters).
const (
	beneficiaryNameMaxLength   = 256
	beneficiaryDomainMaxLength = 256
	beneficiaryEmailMaxLength  = 254
)

func (r *beneficiaryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Creates a **permanent beneficiary**: an organisation (`name` + `domain`) or an individual " +
			"(`name` + `email`) that your organisation can retire credits on behalf of (`POST /beneficiary`). The registry " +
			"cannot change or delete it: changing an argument is a plan error (never a replacement), and destroy only forgets it.\n\n" +
			adoptionNote(&beneficiarySpec, `identity = { id = "org_…", email = "jane.doe@example.com" }`+" (the email for an individual only)"),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Organisation ID of the beneficiary (`org_…`), to use as a retirement's beneficiary.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Publicly visible name shown on retirement certificates and the registry "+
					"(1 to %d characters). Cannot change once created.", beneficiaryNameMaxLength),
				Required:   true,
				Validators: []validator.String{stringCheck(checkBeneficiaryName)},
			},
			"domain": schema.StringAttribute{
				MarkdownDescription: "For an **organisation** beneficiary: its unique web domain, e.g. `acme.com` (not displayed on the " +
					"registry). Exactly one of `domain` and `email` is required. Cannot change once created.",
				Optional:   true,
				Validators: []validator.String{stringCheck(checkBeneficiaryDomain)},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "For an **individual** beneficiary: their unique email address (not displayed on the registry). " +
					"Exactly one of `domain` and `email` is required to create one. Cannot change once created. The registry never " +
					"returns emails, so the provider keeps the one you configured (or gave at import) without being able to verify it; " +
					"left unset on a recorded beneficiary (as in generated configuration, where Terraform never writes sensitive " +
					"values), it keeps the recorded one.",
				Optional:   true,
				Computed:   true,
				Sensitive:  true,
				Validators: []validator.String{emailValidator{}},
			},
			"organisation": schema.SingleNestedAttribute{
				MarkdownDescription: "The beneficiary as the registry reports it in `GET /beneficiaries` (`domain` is null for individuals).",
				Computed:            true,
				Attributes:          resourceAttributes(organisationAttrs),
			},
		},
	}
}

// ValidateConfig refuses both domain and email. Neither is refused when planning a create
// (checkKind): a recorded individual's configuration may leave email unset, as generated
// configuration does (Terraform never writes sensitive values into it).
func (r *beneficiaryResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m beneficiaryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Domain.IsUnknown() || m.Email.IsUnknown() {
		return
	}
	if !m.Domain.IsNull() && !m.Email.IsNull() {
		addAttributeError(&resp.Diagnostics, path.Root("email"), "Both domain and email are set",
			"A beneficiary is either an organisation (set domain, e.g. domain = \"acme.com\") or an individual (set email, "+
				"e.g. email = \"jane.doe@example.com\"), not both: remove one of them.")
	}
}

// checkKind is the create's check of the configuration: an organisation (domain) or an individual
// (email). It plans a null email for an organisation (email is computed: a recorded individual keeps
// the recorded one when the configuration leaves it unset).
func checkKind(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var config beneficiaryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || config.Domain.IsUnknown() || config.Email.IsUnknown() {
		return
	}
	if config.Domain.IsNull() && config.Email.IsNull() {
		addAttributeError(&resp.Diagnostics, path.Root("domain"), "Neither domain nor email is set",
			"A beneficiary is either an organisation (set domain, e.g. domain = \"acme.com\") or an individual (set email, "+
				"e.g. email = \"jane.doe@example.com\"): set exactly one of them.")
		return
	}
	if config.Email.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("email"), types.StringNull())...)
	}
}

func checkBeneficiaryName(v string) error {
	n := len([]rune(v))
	if strings.TrimSpace(v) == "" || n > beneficiaryNameMaxLength {
		return fmt.Errorf("name must be 1 to %d characters and not blank (this one has %d); it is shown publicly on retirement certificates",
			beneficiaryNameMaxLength, n)
	}
	return nil
}

// domainPattern is a bare DNS name with at least two labels: "acme.com", "sub.example.co.uk".
var domainPattern = regexp.MustCompile(`^(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*\.(?i:[a-z][a-z0-9-]*[a-z0-9])$`)

func checkBeneficiaryDomain(v string) error {
	if len(v) > beneficiaryDomainMaxLength || !domainPattern.MatchString(v) {
		return fmt.Errorf("domain must be a bare domain name such as \"acme.com\" (at most %d characters): no scheme (https://), "+
			"path, port, @ or spaces", beneficiaryDomainMaxLength)
	}
	return nil
}

func checkBeneficiaryEmail(v string) error {
	addr, err := mail.ParseAddress(v)
	ok := err == nil && addr.Name == "" && addr.Address == v && len(v) <= beneficiaryEmailMaxLength
	if ok {
		_, host, _ := strings.Cut(v, "@")
		ok = domainPattern.MatchString(host)
	}
	if !ok {
		return fmt.Errorf("email must be a single email address such as \"jane.doe@example.com\" (at most %d characters), "+
			"without a display name, angle brackets or spaces", beneficiaryEmailMaxLength)
	}
	return nil
}

// emailValidator checks email with checkBeneficiaryEmail without repeating the (sensitive) value.
type emailValidator struct{}

func (emailValidator) Description(context.Context) string {
	return "must be a single email address such as jane.doe@example.com"
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (emailValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkBeneficiaryEmail(req.ConfigValue.ValueString()); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, "Invalid email", err.Error()+".")
	}
}

// beneficiarySpec hands the immutability rules to the shared transaction machinery.
var beneficiarySpec = transactionSpec{
	TypeName:         "isometric_beneficiary",
	Noun:             "beneficiary",
	IDPrefix:         "org_",
	NewOperationHint: "To add another beneficiary, declare another isometric_beneficiary resource",
}

// identityEmailAttr is the identity attribute holding an individual beneficiary's email.
const identityEmailAttr = "email"

// Metadata names the resource and declares its identity mutable: the email of an individual
// imported by ID alone joins the identity once the configuration gives it (adoptsEmail).
func (r *beneficiaryResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.transactionResource.Metadata(ctx, req, resp)
	resp.ResourceBehavior.MutableIdentity = true
}

// IdentitySchema is the beneficiary's organisation ID and, for an individual, what import needs
// besides: the email, which the registry never returns.
func (r *beneficiaryResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := beneficiarySpec.IdentitySchema()
	s.Attributes[identityEmailAttr] = identityschema.StringAttribute{
		OptionalForImport: true,
		Description: "For an individual beneficiary: the email, which the registry never returns (null when not known, and " +
			"for an organisation). Unlike the resource's `email`, the identity is not sensitive.",
	}
	resp.IdentitySchema = s
}

// beneficiaryIdentity records the identity of beneficiary m next to its state.
func beneficiaryIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m beneficiaryModel, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, map[string]string{identityIDAttr: m.ID.ValueString(), identityEmailAttr: m.Email.ValueString()}, diags)
}

// Update records what the plan holds (the configured email of an individual imported without one
// is the only change possible, see adoptsEmail), with the identity.
func (r *beneficiaryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
	var m beneficiaryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if !resp.Diagnostics.HasError() {
		beneficiaryIdentity(ctx, resp.Identity, m, &resp.Diagnostics)
	}
}

// ModifyPlan warns before a destroy, refuses changes of a created beneficiary (shared machinery),
// and on create checks an organisation beneficiary's domain against the registry.
func (r *beneficiaryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		var state, config beneficiaryModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if adoptsEmail(state, config) {
			// Compare everything else as usual, with the email taken as recorded: the plan (built
			// from that state) then records it, and Update stores it without calling the API.
			st := req.State
			resp.Diagnostics.Append(st.SetAttribute(ctx, path.Root("email"), config.Email)...)
			req.State = st
			state.Email = config.Email
			beneficiaryIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
		}
	}
	if req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		checkKind(ctx, req, resp)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	// An adopted email is in the plan already (it was put in the compared state).
	if !r.planCreate(ctx, req, resp) || resp.Diagnostics.HasError() {
		return
	}
	defer r.spec.checkRename(ctx, r.pd, req, resp)
	var plan beneficiaryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Domain.IsNull() || plan.Domain.IsUnknown() {
		return
	}
	if existing := r.existingBeneficiaryDomain(ctx, plan.Domain.ValueString(), &resp.Diagnostics); existing != nil {
		addExistingDomainError(&resp.Diagnostics, plan.Domain.ValueString(), existing)
		return
	}
	r.pd.View.ledger.claim(&claimOp{Key: "beneficiary/" + strings.ToLower(plan.Domain.ValueString()), Domain: plan.Domain.ValueString(),
		Who:  fmt.Sprintf("an isometric_beneficiary %q with the domain %s", plan.Name.ValueString(), plan.Domain.ValueString()),
		Path: path.Root("domain")}, &resp.Diagnostics)
}

// adoptsEmail reports whether the configuration only adds the email of an individual beneficiary
// that was imported without one (the registry never returns emails): recording it calls no API.
func adoptsEmail(state, config beneficiaryModel) bool {
	return state.Email.IsNull() && state.Domain.IsNull() && config.Domain.IsNull() &&
		!config.Email.IsNull() && !config.Email.IsUnknown()
}

// existingBeneficiaryDomain returns the acting organisation's beneficiary with this domain
// (compared case-insensitively), or nil.
func (r *beneficiaryResource) existingBeneficiaryDomain(ctx context.Context, domain string, diags *diag.Diagnostics) *client.Organisation {
	all, err := r.allBeneficiaries(ctx)
	if err != nil {
		r.pd.addClientError(diags, "Cannot list the beneficiaries to check the new one", err)
		return nil
	}
	for i, b := range all {
		if b.Domain != nil && strings.EqualFold(*b.Domain, domain) {
			return &all[i]
		}
	}
	return nil
}

func addExistingDomainError(diags *diag.Diagnostics, domain string, existing *client.Organisation) {
	addAttributeError(diags, path.Root("domain"), "Beneficiary already exists",
		fmt.Sprintf("domain: your organisation already has a beneficiary with the domain %q: %s (name %q). Domains are unique, "+
			"so the registry would not create a second one. Use %s as the retirement's beneficiary, or bring it under Terraform "+
			"with an import block: import { to = isometric_beneficiary.<name>, id = %q }.",
			domain, existing.ID, existing.Name, existing.ID, existing.ID))
}

// allBeneficiaries is every page of GET /beneficiaries, read once per walk (and again after this
// walk's own POST /beneficiary).
func (r *beneficiaryResource) allBeneficiaries(ctx context.Context) ([]client.Organisation, error) {
	return r.pd.View.organisations(ctx, beneficiaryList)
}

// findBeneficiary returns the beneficiary with this ID from GET /beneficiaries, or nil.
func (r *beneficiaryResource) findBeneficiary(ctx context.Context, id string) (*client.Organisation, error) {
	all, err := r.allBeneficiaries(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, nil
}

func (r *beneficiaryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan beneficiaryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// One beneficiary create at a time: the list read before the POST is the registry's.
	unlock := r.pd.View.locks.lock("beneficiaries")
	defer unlock()
	defer r.pd.View.ledger.release("beneficiary/" + strings.ToLower(plan.Domain.ValueString()))
	// What exists before the POST: re-checks the domain now that every value is known, and lets
	// the discovery after an unanswered POST tell a new beneficiary from an existing one.
	before, err := r.allBeneficiaries(ctx)
	if err != nil {
		r.pd.addClientError(&resp.Diagnostics, "Cannot list the beneficiaries before creating one", err)
		return
	}
	known := make(map[string]bool, len(before))
	for i, b := range before {
		known[b.ID] = true
		if sameDomain(b, plan.Domain) {
			addExistingDomainError(&resp.Diagnostics, plan.Domain.ValueString(), &before[i])
			return
		}
	}

	body := client.CreateBeneficiaryRequest{
		BeneficiaryName:   plan.Name.ValueString(),
		BeneficiaryDomain: plan.Domain.ValueString(),
		BeneficiaryEmail:  plan.Email.ValueString(),
	}
	created := transactionPost[client.Organisation]{
		Spec: &beneficiarySpec, PD: r.pd, What: "POST /beneficiary",
		Send: func(ctx context.Context) (*client.Organisation, error) {
			return r.pd.Client.CreateBeneficiary(ctx, body)
		},
		Discover: func(ctx context.Context, _ time.Time) (discovery[client.Organisation], error) {
			return r.discoverBeneficiary(ctx, plan, known)
		},
	}.run(ctx, &resp.Diagnostics)
	r.pd.View.forget("orgs/" + string(beneficiaryList))
	if created == nil {
		return
	}
	plan.ID = types.StringValue(created.ID)
	plan.Organisation = organisationValue(created)
	if plan.Email.IsUnknown() {
		plan.Email = types.StringNull()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	beneficiaryIdentity(ctx, resp.Identity, plan, &resp.Diagnostics)
}

// sameDomain reports whether the registry's beneficiary b has the configured domain (domains are
// compared case-insensitively).
func sameDomain(b client.Organisation, domain types.String) bool {
	return !domain.IsNull() && b.Domain != nil && strings.EqualFold(*b.Domain, domain.ValueString())
}

// discoverBeneficiary finds out what an unanswered POST /beneficiary did: a beneficiary that was
// not listed before the POST (known) and has the requested name and domain (none for an
// individual) is the one it created.
func (r *beneficiaryResource) discoverBeneficiary(ctx context.Context, plan beneficiaryModel, known map[string]bool) (discovery[client.Organisation], error) {
	r.pd.View.forget("orgs/" + string(beneficiaryList)) // read the list as it is now
	after, err := r.allBeneficiaries(ctx)
	if err != nil {
		return discovery[client.Organisation]{}, err
	}
	var found []client.Organisation
	for _, b := range after {
		if known[b.ID] || b.Name != plan.Name.ValueString() || (b.Domain == nil) != plan.Domain.IsNull() {
			continue
		}
		if b.Domain == nil || sameDomain(b, plan.Domain) {
			found = append(found, b)
		}
	}
	kind := fmt.Sprintf("named %q", plan.Name.ValueString())
	if !plan.Domain.IsNull() {
		kind += fmt.Sprintf(" with the domain %q", plan.Domain.ValueString())
	}
	switch len(found) {
	case 0:
		anyNew := false
		for _, b := range after {
			anyNew = anyNew || !known[b.ID]
		}
		// The list is every beneficiary of the organisation: when it is exactly what it was before
		// the request, the request created nothing.
		return discovery[client.Organisation]{NotCommitted: !anyNew, Evidence: fmt.Sprintf(
			"GET /beneficiaries lists %d beneficiaries, none of them new and %s.", len(after), kind)}, nil
	case 1:
		return discovery[client.Organisation]{Found: &found[0], FoundID: found[0].ID, Evidence: fmt.Sprintf(
			"GET /beneficiaries now lists beneficiary %s %s, which was not there before the request.", found[0].ID, kind)}, nil
	default:
		ids := make([]string, len(found))
		for i, b := range found {
			ids[i] = b.ID
		}
		return discovery[client.Organisation]{Candidates: ids, Evidence: fmt.Sprintf(
			"GET /beneficiaries lists %d new beneficiaries %s.", len(found), kind)}, nil
	}
}

func (r *beneficiaryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state beneficiaryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	b, err := r.findBeneficiary(ctx, id)
	if err != nil {
		r.pd.addClientError(&resp.Diagnostics, fmt.Sprintf("Cannot read beneficiary %s", id), err)
		return
	}
	if b == nil {
		// There is no GET /beneficiary/{id}: absent from the list is the beneficiary's "404".
		beneficiarySpec.AddNotFoundError(&resp.Diagnostics, r.pd, id,
			fmt.Errorf("GET /beneficiaries does not list it among the beneficiaries of the organisation the provider acts as"))
		return
	}
	if state.Name.IsNull() { // after import: the arguments come from the registry
		state.Name = types.StringValue(b.Name)
		state.Domain = stringPtrValue(b.Domain)
	}
	if !state.Email.IsNull() && b.Domain != nil {
		addAttributeError(&resp.Diagnostics, path.Root("email"), "Beneficiary is an organisation",
			fmt.Sprintf("email: beneficiary %s is an organisation beneficiary with the domain %q, not an individual with an email. "+
				"Import it with its ID alone (%s) and configure domain instead of email.", id, *b.Domain, id))
		return
	}
	state.Organisation = organisationValue(b)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	beneficiaryIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
}

// ImportState accepts the beneficiary's organisation ID, and for an individual optionally
// "<org ID>,<email>" so that the state holds the email the registry never returns; or an identity
// with the ID and, for an individual, optionally the email.
func (r *beneficiaryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var email string
	var withEmail bool
	if req.ID == "" && req.Identity != nil {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identityEmailAttr), &v)...)
		if resp.Diagnostics.HasError() {
			return
		}
		email, withEmail = v.ValueString(), !v.IsNull() && v.ValueString() != ""
	} else {
		req.ID, email, withEmail = strings.Cut(req.ID, beneficiaryImportSeparator)
	}
	beneficiarySpec.ImportState(ctx, req, resp)
	if resp.Diagnostics.HasError() || !withEmail {
		return
	}
	if err := checkBeneficiaryEmail(email); err != nil {
		if req.ID == "" {
			addAttributeError(&resp.Diagnostics, path.Root(identityEmailAttr), "Invalid beneficiary identity",
				fmt.Sprintf("The email of the identity must be the individual's email: %s.", err))
			return
		}
		resp.Diagnostics.AddError("Invalid beneficiary import ID", fmt.Sprintf("The part after %q must be the individual's email: %s.",
			beneficiaryImportSeparator, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), email)...)
	setIdentity(ctx, resp.Identity, map[string]string{identityEmailAttr: email}, &resp.Diagnostics)
}

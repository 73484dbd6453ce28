package client

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// SandboxURL is the base URL of the Isometric Registry API in the sandbox environment.
const SandboxURL = "https://api.sandbox.isometric.com/registry/v0"

// ProductionURL is the base URL of the Isometric Registry API in the production environment.
const ProductionURL = "https://api.isometric.com/registry/v0"

// Environment names accepted by BaseURLForEnvironment.
const (
	// EnvironmentSandbox selects SandboxURL.
	EnvironmentSandbox = "sandbox"
	// EnvironmentProduction selects ProductionURL.
	EnvironmentProduction = "production"
)

// BaseURLForEnvironment returns the API base URL of an environment name: "sandbox" (also the
// default for "") or "production".
func BaseURLForEnvironment(env string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(env)) {
	case "", EnvironmentSandbox:
		return SandboxURL, nil
	case EnvironmentProduction:
		return ProductionURL, nil
	default:
		return "", fmt.Errorf("unknown Isometric environment %q: use %q or %q (or an explicit base URL)", env, EnvironmentSandbox, EnvironmentProduction)
	}
}

// ResolveBaseURL returns the base URL to use: endpoint when set (an explicit base URL, e.g. the
// local registry's; it must pass ValidateBaseURL and is returned without a trailing slash), else
// the URL of the environment (see BaseURLForEnvironment).
func ResolveBaseURL(environment, endpoint string) (string, error) {
	if e := strings.TrimSpace(endpoint); e != "" {
		if err := ValidateBaseURL(e); err != nil {
			return "", err
		}
		return strings.TrimRight(e, "/"), nil
	}
	return BaseURLForEnvironment(environment)
}

// ValidateBaseURL checks that raw can be the base URL of a Client or an ICRClient: an absolute
// http or https URL with a host, without query, fragment or credentials (user:password@).
// Surrounding spaces and a trailing slash are tolerated. New, NewICR and ResolveBaseURL apply the
// same check.
func ValidateBaseURL(raw string) error {
	_, err := parseBaseURL(raw)
	return err
}

// parseBaseURL checks raw as ValidateBaseURL does and returns it without a trailing slash.
func parseBaseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("invalid base URL %q: %v", raw, err)
	}
	switch {
	case u.User != nil:
		// Not quoted: the URL holds a password.
		return nil, errors.New("invalid base URL: it must not contain credentials (user:password@); the client sends its credentials as request headers")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("invalid base URL %q: it must be an absolute http:// or https:// URL", raw)
	case u.Host == "":
		return nil, fmt.Errorf("invalid base URL %q: it has no host", raw)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("invalid base URL %q: it must not have a query or a fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

package provider

import "testing"

func TestCheckRFC3339(t *testing.T) {
	for _, ok := range []string{"2025-01-01T00:00:00Z", "2025-06-30T12:30:00+01:00", "2025-01-01T00:00:00.123Z"} {
		if err := checkRFC3339(ok); err != nil {
			t.Errorf("checkRFC3339(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"2025-01-01", "2025-01-01T00:00:00", "yesterday", "2025-13-01T00:00:00Z"} {
		if err := checkRFC3339(bad); err == nil {
			t.Errorf("checkRFC3339(%q) = nil, want an error", bad)
		}
	}
}

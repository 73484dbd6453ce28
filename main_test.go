package main

import (
	"maps"
	"testing"
)

func TestLogLevels(t *testing.T) {
	all := func(level string) map[string]string {
		return map[string]string{"TF_LOG_SDK": level, "TF_LOG_SDK_PROTO": level, "TF_LOG_SDK_FRAMEWORK": level, "TF_LOG_PROVIDER_ISOMETRIC": level}
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"nothing asked: the CLI keeps no provider line", nil, all("OFF")},
		{"TF_LOG", map[string]string{"TF_LOG": "info"}, all("INFO")},
		{"TF_LOG_PROVIDER wins over TF_LOG", map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "debug"}, all("DEBUG")},
		{"TF_LOG=off", map[string]string{"TF_LOG": "off"}, all("OFF")},
		{"trace keeps the defaults", map[string]string{"TF_LOG": "trace"}, nil},
		{"json is trace", map[string]string{"TF_LOG": "JSON"}, nil},
		{"an unknown level keeps the defaults (the CLI keeps everything)", map[string]string{"TF_LOG": "loud"}, nil},
		{"a level the user set is kept", map[string]string{"TF_LOG_SDK_PROTO": "TRACE"},
			map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_ISOMETRIC": "OFF"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := logLevels(func(k string) string { return tc.env[k] })
			if !maps.Equal(got, tc.want) {
				t.Errorf("logLevels(%v) = %v, want %v", tc.env, got, tc.want)
			}
		})
	}
}

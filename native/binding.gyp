{
  "targets": [
    {
      "target_name": "pixels",
      "sources": ["pixels.c"],
      "cflags": ["-O3", "-ffp-contract=off", "-std=c11"],
      "cflags!": ["-O2"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-ffp-contract=off"] },
      "msvs_settings": { "VCCLCompilerTool": { "FloatingPointModel": "0" } }
    }
  ]
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own package: bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "nodemailer"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Dataset uploads go through a server action: room for the 5 MB CSV limit plus form overhead.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Settings pages change roles and ownership: never render them inside another site.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;

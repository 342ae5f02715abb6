SELECT
  "t1"."patient_id",
  "t1"."chimerism_category",
  CAST("t1"."day" AS BIGINT) AS "chimerism_day",
  "t1"."method" AS "chimerism_assay",
  "t1"."lineage" AS "chimerism_lineage"
FROM (
  SELECT
    "t0"."patient_id",
    "t0"."day",
    "t0"."date",
    "t0"."lineage",
    "t0"."donor_pct",
    "t0"."method",
    "t0"."lod_pct",
    CASE
      WHEN CASE
        WHEN (
          "t0"."donor_pct" IS NOT NULL
        )
        AND (
          (
            "t0"."lod_pct" IS NULL
          ) OR (
            "t0"."donor_pct" >= "t0"."lod_pct"
          )
        )
        THEN "t0"."donor_pct"
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END IS NULL
      THEN 'not_detected'
      WHEN CASE
        WHEN (
          "t0"."donor_pct" IS NOT NULL
        )
        AND (
          (
            "t0"."lod_pct" IS NULL
          ) OR (
            "t0"."donor_pct" >= "t0"."lod_pct"
          )
        )
        THEN "t0"."donor_pct"
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END > 95.0
      THEN 'full'
      WHEN CASE
        WHEN (
          "t0"."donor_pct" IS NOT NULL
        )
        AND (
          (
            "t0"."lod_pct" IS NULL
          ) OR (
            "t0"."donor_pct" >= "t0"."lod_pct"
          )
        )
        THEN "t0"."donor_pct"
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END >= 5.0
      THEN 'mixed'
      WHEN CASE
        WHEN (
          "t0"."donor_pct" IS NOT NULL
        )
        AND (
          (
            "t0"."lod_pct" IS NULL
          ) OR (
            "t0"."donor_pct" >= "t0"."lod_pct"
          )
        )
        THEN "t0"."donor_pct"
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END < 1.0
      THEN 'microchimerism'
      ELSE 'mixed'
    END AS "chimerism_category",
    ROW_NUMBER() OVER (
      PARTITION BY "t0"."patient_id"
      ORDER BY "t0"."day" DESC NULLS LAST, COALESCE(
        CASE
          WHEN (
            "t0"."donor_pct" IS NOT NULL
          )
          AND (
            (
              "t0"."lod_pct" IS NULL
            ) OR (
              "t0"."donor_pct" >= "t0"."lod_pct"
            )
          )
          THEN "t0"."donor_pct"
          ELSE CAST(NULL AS DOUBLE PRECISION)
        END,
        -1.0
      ) ASC, "t0"."lineage" ASC, "t0"."method" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) - 1 AS "rank"
  FROM "chimerism" AS "t0"
) AS "t1"
WHERE
  "t1"."rank" = 0

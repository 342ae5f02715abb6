WITH "t2" AS (
  SELECT
    "t1"."patient_id",
    CAST("t1"."day" AS BIGINT) AS "day",
    "t1"."lineage",
    "t1"."method",
    (
      "t1"."donor_pct" IS NOT NULL
    )
    AND (
      (
        "t1"."lod_pct" IS NULL
      ) OR (
        "t1"."donor_pct" >= "t1"."lod_pct"
      )
    ) AS "detected",
    CASE
      WHEN (
        "t1"."donor_pct" IS NOT NULL
      )
      AND (
        (
          "t1"."lod_pct" IS NULL
        ) OR (
          "t1"."donor_pct" >= "t1"."lod_pct"
        )
      )
      THEN "t1"."donor_pct"
      ELSE 0.0
    END AS "level",
    CASE
      WHEN "t1"."lineage" IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN "t1"."lineage" IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS "lineage_group"
  FROM (
    SELECT
      *
    FROM "chimerism" AS "t0"
    WHERE
      "t0"."day" > 0
  ) AS "t1"
), "t21" AS (
  SELECT
    "t20"."patient_id",
    "t20"."assessment_day" AS "day",
    CASE
      WHEN "t20"."max_level" < 5.0
      THEN 'donor_loss'
      WHEN "t20"."min_level" > 95.0
      THEN CASE
        WHEN "t20"."myeloid" AND "t20"."lymphoid"
        THEN 'full'
        WHEN "t20"."myeloid"
        THEN 'full_myeloid_only'
        WHEN "t20"."lymphoid"
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS "category",
    "t20"."lineage",
    "t20"."method"
  FROM (
    SELECT
      "t19"."patient_id",
      "t19"."assessment_day",
      MIN("t19"."level") AS "min_level",
      MAX("t19"."level") AS "max_level",
      BOOL_OR("t19"."lineage_group" = 'myeloid') AS "myeloid",
      BOOL_OR("t19"."lineage_group" = 'lymphoid') AS "lymphoid",
      MAX("t19"."lineage") FILTER(WHERE
        "t19"."low_rank" = 0) AS "lineage",
      MAX("t19"."method") FILTER(WHERE
        "t19"."low_rank" = 0) AS "method"
    FROM (
      SELECT
        "t18"."patient_id",
        "t18"."assessment_day",
        "t18"."day",
        "t18"."lineage",
        "t18"."method",
        "t18"."detected",
        "t18"."level",
        "t18"."lineage_group",
        "t18"."group_rank",
        ROW_NUMBER() OVER (
          PARTITION BY "t18"."patient_id", "t18"."assessment_day"
          ORDER BY "t18"."level" ASC, "t18"."lineage" ASC, "t18"."method" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "low_rank"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t14"."patient_id",
            "t14"."assessment_day",
            "t14"."day",
            "t14"."lineage",
            "t14"."method",
            "t14"."detected",
            "t14"."level",
            "t14"."lineage_group",
            ROW_NUMBER() OVER (
              PARTITION BY "t14"."patient_id", "t14"."assessment_day", "t14"."lineage_group"
              ORDER BY "t14"."day" DESC NULLS LAST, "t14"."level" ASC, "t14"."lineage" ASC, "t14"."method" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "group_rank"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t10"."patient_id",
                "t10"."assessment_day",
                "t4"."day",
                "t4"."lineage",
                "t4"."method",
                "t4"."detected",
                "t4"."level",
                "t4"."lineage_group"
              FROM (
                SELECT DISTINCT
                  *
                FROM (
                  SELECT
                    "t3"."patient_id",
                    "t3"."day" AS "assessment_day"
                  FROM "t2" AS "t3"
                ) AS "t6"
              ) AS "t10"
              INNER JOIN "t2" AS "t4"
                ON "t10"."patient_id" = "t4"."patient_id"
            ) AS "t12"
            WHERE
              "t12"."day" <= "t12"."assessment_day"
              AND "t12"."day" >= (
                "t12"."assessment_day" - 7
              )
          ) AS "t14"
        ) AS "t17"
        WHERE
          "t17"."group_rank" = 0
      ) AS "t18"
    ) AS "t19"
    GROUP BY
      1,
      2
  ) AS "t20"
)
SELECT
  "t38"."patient_id",
  "t38"."allo_category",
  "t38"."allo_day",
  "t38"."allo_lineage",
  "t38"."allo_method",
  "t38"."mst_category",
  "t38"."mst_day",
  "t38"."mst_lineage",
  "t38"."mst_method",
  "t38"."microchimerism_first_day",
  "t38"."microchimerism_last_day",
  "t38"."graft_rejection_day",
  "t38"."graft_rejection_assay"
FROM (
  SELECT
    "t37"."patient_id",
    "t37"."allo_category",
    "t37"."allo_day",
    "t37"."allo_lineage",
    "t37"."allo_method",
    "t37"."mst_category",
    "t37"."mst_day",
    "t37"."mst_lineage",
    "t37"."mst_method",
    "t37"."microchimerism_first_day",
    "t37"."microchimerism_last_day",
    "t31"."patient_id" AS "patient_id_right",
    "t31"."graft_rejection_day",
    "t31"."graft_rejection_assay"
  FROM (
    SELECT
      "t35"."patient_id",
      "t35"."allo_category",
      "t35"."allo_day",
      "t35"."allo_lineage",
      "t35"."allo_method",
      "t35"."mst_category",
      "t35"."mst_day",
      "t35"."mst_lineage",
      "t35"."mst_method",
      "t35"."microchimerism_first_day",
      "t35"."microchimerism_last_day"
    FROM (
      SELECT
        "t34"."patient_id",
        "t34"."allo_category",
        "t34"."allo_day",
        "t34"."allo_lineage",
        "t34"."allo_method",
        "t16"."patient_id" AS "patient_id_right",
        "t16"."mst_category",
        "t16"."mst_day",
        "t16"."mst_lineage",
        "t16"."mst_method",
        "t16"."microchimerism_first_day",
        "t16"."microchimerism_last_day"
      FROM (
        SELECT
          "t32"."patient_id",
          "t32"."allo_category",
          "t32"."allo_day",
          "t32"."allo_lineage",
          "t32"."allo_method"
        FROM (
          SELECT
            "t9"."patient_id",
            "t28"."patient_id" AS "patient_id_right",
            "t28"."allo_category",
            "t28"."allo_day",
            "t28"."allo_lineage",
            "t28"."allo_method"
          FROM (
            SELECT DISTINCT
              *
            FROM (
              SELECT
                "t3"."patient_id"
              FROM "t2" AS "t3"
            ) AS "t5"
          ) AS "t9"
          LEFT OUTER JOIN (
            SELECT
              "t25"."patient_id",
              "t25"."category" AS "allo_category",
              "t25"."day" AS "allo_day",
              "t25"."lineage" AS "allo_lineage",
              "t25"."method" AS "allo_method"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t22"."patient_id",
                  "t22"."day",
                  "t22"."category",
                  "t22"."lineage",
                  "t22"."method",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t22"."patient_id"
                    ORDER BY "t22"."day" DESC NULLS LAST
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "rank"
                FROM "t21" AS "t22"
              ) AS "t24"
              WHERE
                "t24"."rank" = 0
            ) AS "t25"
          ) AS "t28"
            ON "t9"."patient_id" = "t28"."patient_id"
        ) AS "t32"
      ) AS "t34"
      LEFT OUTER JOIN (
        SELECT
          "t13"."patient_id",
          CASE
            WHEN COALESCE("t13"."last_detected", FALSE) AND (
              "t13"."last_level" >= 1.0
            )
            THEN 'macrochimerism'
            WHEN (
              "t13"."first_micro" IS NOT NULL
            )
            AND (
              (
                "t13"."last_micro" - "t13"."first_micro"
              ) >= 28
            )
            THEN 'microchimerism_persistent'
            WHEN "t13"."first_micro" IS NOT NULL
            THEN 'microchimerism'
            ELSE 'not_detected'
          END AS "mst_category",
          "t13"."last_day" AS "mst_day",
          "t13"."lineage" AS "mst_lineage",
          "t13"."method" AS "mst_method",
          "t13"."first_micro" AS "microchimerism_first_day",
          "t13"."last_micro" AS "microchimerism_last_day"
        FROM (
          SELECT
            "t11"."patient_id",
            MIN("t11"."day") FILTER(WHERE
              "t11"."micro") AS "first_micro",
            MAX("t11"."day") FILTER(WHERE
              "t11"."micro") AS "last_micro",
            MAX("t11"."day") AS "last_day",
            MAX("t11"."level") FILTER(WHERE
              "t11"."last_rank" = 0) AS "last_level",
            BOOL_OR("t11"."detected") FILTER(WHERE
              "t11"."last_rank" = 0) AS "last_detected",
            MAX("t11"."lineage") FILTER(WHERE
              "t11"."last_rank" = 0) AS "lineage",
            MAX("t11"."method") FILTER(WHERE
              "t11"."last_rank" = 0) AS "method"
          FROM (
            SELECT
              "t3"."patient_id",
              "t3"."day",
              "t3"."lineage",
              "t3"."method",
              "t3"."detected",
              "t3"."level",
              "t3"."lineage_group",
              "t3"."detected" AND (
                "t3"."level" < 1.0
              ) AS "micro",
              ROW_NUMBER() OVER (
                PARTITION BY "t3"."patient_id"
                ORDER BY "t3"."day" DESC NULLS LAST, "t3"."level" DESC NULLS LAST, "t3"."lineage" ASC, "t3"."method" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "last_rank"
            FROM "t2" AS "t3"
          ) AS "t11"
          GROUP BY
            1
        ) AS "t13"
      ) AS "t16"
        ON "t34"."patient_id" = "t16"."patient_id"
    ) AS "t35"
  ) AS "t37"
  LEFT OUTER JOIN (
    SELECT
      "t29"."patient_id",
      "t29"."day" AS "graft_rejection_day",
      "t29"."method" AS "graft_rejection_assay"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t23"."patient_id",
          "t23"."day",
          "t23"."category",
          "t23"."lineage",
          "t23"."method",
          ROW_NUMBER() OVER (
            PARTITION BY "t23"."patient_id"
            ORDER BY "t23"."day" ASC, "t23"."method" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "rank"
        FROM (
          SELECT
            *
          FROM "t21" AS "t22"
          WHERE
            "t22"."category" = 'donor_loss'
        ) AS "t23"
      ) AS "t26"
      WHERE
        "t26"."rank" = 0
    ) AS "t29"
  ) AS "t31"
    ON "t37"."patient_id" = "t31"."patient_id"
) AS "t38"

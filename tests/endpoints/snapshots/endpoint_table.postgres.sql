WITH "t22" AS (
  SELECT
    "t6"."patient_id",
    "t6"."day"
  FROM "transfusions" AS "t6"
  WHERE
    "t6"."product" = 'platelets'
), "t41" AS (
  SELECT
    "t21"."patient_id",
    MIN("t21"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t6"."patient_id",
      "t6"."day"
    FROM "transfusions" AS "t6"
    WHERE
      "t6"."product" = 'platelets' AND "t6"."day" >= 0
  ) AS "t21"
  GROUP BY
    1
), "t42" AS (
  SELECT
    "t8"."patient_id",
    CAST("t8"."day" AS BIGINT) AS "day",
    "t8"."lineage",
    "t8"."method",
    (
      "t8"."donor_pct" IS NOT NULL
    )
    AND (
      (
        "t8"."lod_pct" IS NULL
      ) OR (
        "t8"."donor_pct" >= "t8"."lod_pct"
      )
    ) AS "detected",
    CASE
      WHEN (
        "t8"."donor_pct" IS NOT NULL
      )
      AND (
        (
          "t8"."lod_pct" IS NULL
        ) OR (
          "t8"."donor_pct" >= "t8"."lod_pct"
        )
      )
      THEN "t8"."donor_pct"
      ELSE 0.0
    END AS "level",
    CASE
      WHEN "t8"."lineage" IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN "t8"."lineage" IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS "lineage_group"
  FROM "chimerism" AS "t8"
  WHERE
    "t8"."day" > 0
), "t53" AS (
  SELECT
    "t17"."patient_id",
    "t17"."day",
    MIN(CASE WHEN "t17"."qualifier" = '<' THEN 0.0 ELSE "t17"."value" END) AS "value"
  FROM (
    SELECT
      *
    FROM "labs" AS "t2"
    WHERE
      "t2"."analyte" = 'plt' AND "t2"."day" >= 0
  ) AS "t17"
  GROUP BY
    1,
    2
), "t75" AS (
  SELECT
    "t52"."patient_id",
    "t52"."day",
    COALESCE(
      "t52"."anc",
      CAST((
        "t52"."wbc" * (
          "t52"."seg" + COALESCE("t52"."bands", 0.0)
        )
      ) AS DOUBLE PRECISION) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t16"."patient_id",
      "t16"."day",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t16"."qualifier" = '<' THEN 0.0 ELSE "t16"."value" END) FILTER(WHERE
        "t16"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t2"
      WHERE
        "t2"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t2"."day" >= 0
    ) AS "t16"
    GROUP BY
      1,
      2
  ) AS "t52"
), "t87" AS (
  SELECT
    "t68"."patient_id",
    "t68"."day",
    "t68"."value",
    "t68"."platelet_engraftment_meets",
    "t68"."platelet50_engraftment_meets",
    "t68"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t68"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t68"."patient_id"
        ORDER BY "t68"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t68"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t68"."patient_id"
        ORDER BY "t68"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t68"."day", 1) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t68"."day", 2) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t68"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t68"."patient_id"
      ORDER BY "t68"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t68"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t68"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t68"."patient_id"
        ORDER BY "t68"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t68"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t68"."patient_id"
        ORDER BY "t68"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t68"."day", 1) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t68"."day", 2) OVER (
          PARTITION BY "t68"."patient_id"
          ORDER BY "t68"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t68"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t68"."patient_id"
      ORDER BY "t68"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t60"."patient_id",
      "t60"."day",
      "t60"."value",
      "t60"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t60"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM "t53" AS "t60"
  ) AS "t68"
), "t106" AS (
  SELECT
    "t91"."patient_id",
    BOOL_OR(NOT (
      "t91"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t91"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t87" AS "t91"
  GROUP BY
    1
), "t124" AS (
  SELECT
    "t109"."patient_id",
    CAST(MIN("t109"."day") FILTER(WHERE
      "t109"."run_start" AND "t109"."failed_before") AS BIGINT) AS "day",
    BOOL_OR(NOT (
      "t109"."meets"
    )) AS "applicable"
  FROM (
    SELECT
      "t83"."patient_id",
      "t83"."day",
      "t83"."value",
      "t83"."meets",
      "t83"."meets"
      AND COALESCE(
        LEAD("t83"."meets", 1) OVER (
          PARTITION BY "t83"."patient_id"
          ORDER BY "t83"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t83"."meets", 2) OVER (
          PARTITION BY "t83"."patient_id"
          ORDER BY "t83"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD("t83"."day", 1) OVER (
            PARTITION BY "t83"."patient_id"
            ORDER BY "t83"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
        AND (
          LEAD("t83"."day", 2) OVER (
            PARTITION BY "t83"."patient_id"
            ORDER BY "t83"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
      ) AS "run_start",
      SUM(CASE WHEN "t83"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t83"."patient_id"
        ORDER BY "t83"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t77"."patient_id",
        "t77"."day",
        "t77"."value",
        "t77"."value" >= 0.5 AS "meets"
      FROM "t75" AS "t77"
      WHERE
        "t77"."value" IS NOT NULL
    ) AS "t83"
  ) AS "t109"
  GROUP BY
    1
), "t133" AS (
  SELECT
    "t123"."patient_id",
    "t123"."cutoff"
  FROM (
    SELECT
      "t111"."patient_id",
      CASE
        WHEN "t111"."graft_source" = 'bm'
        THEN 30
        WHEN "t111"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t111"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS "cutoff",
      "t111"."modality"
    FROM (
      SELECT
        "t108"."patient_id",
        "t108"."arm",
        "t108"."modality",
        "t108"."graft_source",
        "t108"."second_infusion_day",
        "t108"."treatment_start_day",
        "t108"."weight_kg",
        "t108"."randomisation_day",
        "t108"."death_day",
        "t108"."death_cause",
        "t108"."censor_day",
        "t108"."relapse_recorded_day",
        "t108"."last_lab_day"
      FROM (
        SELECT
          "t95"."patient_id",
          "t95"."arm",
          "t95"."modality",
          "t95"."graft_source",
          "t95"."second_infusion_day",
          "t95"."treatment_start_day",
          "t95"."weight_kg",
          "t95"."randomisation_day",
          "t95"."death_day",
          "t95"."death_cause",
          "t95"."censor_day",
          "t95"."relapse_recorded_day",
          "t29"."patient_id" AS "patient_id_right",
          "t29"."last_lab_day"
        FROM (
          SELECT
            "t88"."patient_id",
            "t88"."arm",
            "t88"."modality",
            "t88"."graft_source",
            "t88"."second_infusion_day",
            "t88"."treatment_start_day",
            "t88"."weight_kg",
            "t88"."randomisation_day",
            "t88"."death_day",
            "t88"."death_cause",
            "t88"."censor_day",
            "t88"."relapse_recorded_day"
          FROM (
            SELECT
              "t80"."patient_id",
              "t80"."arm",
              "t80"."modality",
              "t80"."graft_source",
              "t80"."second_infusion_day",
              "t80"."treatment_start_day",
              "t80"."weight_kg",
              "t80"."randomisation_day",
              "t80"."death_day",
              "t80"."death_cause",
              "t80"."censor_day",
              "t54"."patient_id" AS "patient_id_right",
              "t54"."relapse_recorded_day"
            FROM (
              SELECT
                "t74"."patient_id",
                "t74"."arm",
                "t74"."modality",
                "t74"."graft_source",
                "t74"."second_infusion_day",
                "t74"."treatment_start_day",
                "t74"."weight_kg",
                "t74"."randomisation_day",
                "t74"."death_day",
                "t74"."death_cause",
                "t74"."censor_day"
              FROM (
                SELECT
                  "t63"."patient_id",
                  "t63"."arm",
                  "t63"."modality",
                  "t63"."graft_source",
                  "t63"."second_infusion_day",
                  "t63"."treatment_start_day",
                  "t63"."weight_kg",
                  "t63"."randomisation_day",
                  "t45"."patient_id" AS "patient_id_right",
                  "t45"."death_day",
                  "t45"."death_cause",
                  "t45"."censor_day"
                FROM (
                  SELECT
                    "t58"."patient_id",
                    "t58"."arm",
                    "t58"."modality",
                    "t58"."graft_source",
                    "t58"."second_infusion_day",
                    "t58"."treatment_start_day",
                    "t58"."weight_kg",
                    "t58"."randomisation_day"
                  FROM (
                    SELECT
                      "t36"."patient_id",
                      "t36"."arm",
                      "t36"."modality",
                      "t36"."graft_source",
                      "t36"."second_infusion_day",
                      "t36"."treatment_start_day",
                      "t33"."patient_id" AS "patient_id_right",
                      "t33"."weight_kg",
                      "t33"."randomisation_day"
                    FROM (
                      SELECT
                        "t9"."patient_id",
                        COALESCE("t9"."arm", "t9"."modality") AS "arm",
                        "t9"."modality",
                        "t9"."graft_source",
                        CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                        CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                      FROM "treatments" AS "t9"
                    ) AS "t36"
                    LEFT OUTER JOIN (
                      SELECT
                        "t7"."patient_id",
                        "t7"."weight_kg",
                        CAST("t7"."randomisation_day" AS BIGINT) AS "randomisation_day"
                      FROM "patients" AS "t7"
                    ) AS "t33"
                      ON "t36"."patient_id" = "t33"."patient_id"
                  ) AS "t58"
                ) AS "t63"
                LEFT OUTER JOIN (
                  SELECT
                    "t5"."patient_id",
                    CASE
                      WHEN "t5"."vital_status" = 'dead'
                      THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                      ELSE CAST(NULL AS BIGINT)
                    END AS "death_day",
                    CASE
                      WHEN "t5"."vital_status" = 'dead'
                      THEN "t5"."cause"
                      ELSE CAST(NULL AS VARCHAR)
                    END AS "death_cause",
                    GREATEST(
                      "t5"."last_contact_day",
                      COALESCE(
                        CASE
                          WHEN "t5"."vital_status" = 'dead'
                          THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END,
                        "t5"."last_contact_day"
                      )
                    ) AS "censor_day"
                  FROM "followup" AS "t5"
                ) AS "t45"
                  ON "t63"."patient_id" = "t45"."patient_id"
              ) AS "t74"
            ) AS "t80"
            LEFT OUTER JOIN (
              SELECT
                "t19"."patient_id",
                CAST(MIN("t19"."day") AS BIGINT) AS "relapse_recorded_day"
              FROM (
                SELECT
                  *
                FROM "disease_assessments" AS "t3"
                WHERE
                  "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
              ) AS "t19"
              GROUP BY
                1
            ) AS "t54"
              ON "t80"."patient_id" = "t54"."patient_id"
          ) AS "t88"
        ) AS "t95"
        LEFT OUTER JOIN (
          SELECT
            "t2"."patient_id",
            MAX("t2"."day") AS "last_lab_day"
          FROM "labs" AS "t2"
          GROUP BY
            1
        ) AS "t29"
          ON "t95"."patient_id" = "t29"."patient_id"
      ) AS "t108"
    ) AS "t111"
  ) AS "t123"
  WHERE
    "t123"."cutoff" IS NOT NULL AND "t123"."modality" IN ('allo_hsct', 'auto_hsct')
), "t147" AS (
  SELECT
    "t126"."patient_id",
    "t126"."assessment_day" AS "day",
    CASE
      WHEN "t126"."max_level" < 5.0
      THEN 'donor_loss'
      WHEN "t126"."min_level" > 95.0
      THEN CASE
        WHEN "t126"."myeloid" AND "t126"."lymphoid"
        THEN 'full'
        WHEN "t126"."myeloid"
        THEN 'full_myeloid_only'
        WHEN "t126"."lymphoid"
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS "category",
    "t126"."lineage",
    "t126"."method"
  FROM (
    SELECT
      "t119"."patient_id",
      "t119"."assessment_day",
      MIN("t119"."level") AS "min_level",
      MAX("t119"."level") AS "max_level",
      BOOL_OR("t119"."lineage_group" = 'myeloid') AS "myeloid",
      BOOL_OR("t119"."lineage_group" = 'lymphoid') AS "lymphoid",
      MAX("t119"."lineage") FILTER(WHERE
        "t119"."low_rank" = 0) AS "lineage",
      MAX("t119"."method") FILTER(WHERE
        "t119"."low_rank" = 0) AS "method"
    FROM (
      SELECT
        "t105"."patient_id",
        "t105"."assessment_day",
        "t105"."day",
        "t105"."lineage",
        "t105"."method",
        "t105"."detected",
        "t105"."level",
        "t105"."lineage_group",
        "t105"."group_rank",
        ROW_NUMBER() OVER (
          PARTITION BY "t105"."patient_id", "t105"."assessment_day"
          ORDER BY "t105"."level" ASC, "t105"."lineage" ASC, "t105"."method" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "low_rank"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t79"."patient_id",
            "t79"."assessment_day",
            "t79"."day",
            "t79"."lineage",
            "t79"."method",
            "t79"."detected",
            "t79"."level",
            "t79"."lineage_group",
            ROW_NUMBER() OVER (
              PARTITION BY "t79"."patient_id", "t79"."assessment_day", "t79"."lineage_group"
              ORDER BY "t79"."day" DESC NULLS LAST, "t79"."level" ASC, "t79"."lineage" ASC, "t79"."method" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "group_rank"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t35"."patient_id",
                "t35"."assessment_day",
                "t57"."day",
                "t57"."lineage",
                "t57"."method",
                "t57"."detected",
                "t57"."level",
                "t57"."lineage_group"
              FROM (
                SELECT DISTINCT
                  "t8"."patient_id",
                  CAST("t8"."day" AS BIGINT) AS "assessment_day"
                FROM "chimerism" AS "t8"
                WHERE
                  "t8"."day" > 0
              ) AS "t35"
              INNER JOIN "t42" AS "t57"
                ON "t35"."patient_id" = "t57"."patient_id"
            ) AS "t71"
            WHERE
              "t71"."day" <= "t71"."assessment_day"
              AND "t71"."day" >= (
                "t71"."assessment_day" - 7
              )
          ) AS "t79"
        ) AS "t92"
        WHERE
          "t92"."group_rank" = 0
      ) AS "t105"
    ) AS "t119"
    GROUP BY
      1,
      2
  ) AS "t126"
), "t215" AS (
  SELECT
    "t206"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t206"."n_fell"
        ) THEN 0 ELSE "t206"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t206"."p_fell"
        ) THEN 0 ELSE "t206"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t206"."n_fell"
        ) THEN 0 ELSE "t206"."n_day" END,
        CASE WHEN NOT (
          "t206"."p_fell"
        ) THEN 0 ELSE "t206"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t206"."n_fell"
    ) THEN 0 ELSE "t206"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t206"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t204"."patient_id",
      "t204"."n_day",
      "t204"."n_fell",
      "t204"."p_day",
      "t204"."p_fell"
    FROM (
      SELECT
        "t163"."patient_id",
        "t163"."n_day",
        "t163"."n_fell",
        "t198"."patient_id" AS "patient_id_right",
        "t198"."p_day",
        "t198"."p_fell"
      FROM (
        SELECT
          "t153"."patient_id",
          "t153"."n_day",
          "t153"."n_fell"
        FROM (
          SELECT
            "t122"."patient_id",
            "t142"."patient_id" AS "patient_id_right",
            "t142"."n_day",
            "t142"."n_fell"
          FROM (
            SELECT
              "t111"."patient_id"
            FROM (
              SELECT
                "t108"."patient_id",
                "t108"."arm",
                "t108"."modality",
                "t108"."graft_source",
                "t108"."second_infusion_day",
                "t108"."treatment_start_day",
                "t108"."weight_kg",
                "t108"."randomisation_day",
                "t108"."death_day",
                "t108"."death_cause",
                "t108"."censor_day",
                "t108"."relapse_recorded_day",
                "t108"."last_lab_day"
              FROM (
                SELECT
                  "t95"."patient_id",
                  "t95"."arm",
                  "t95"."modality",
                  "t95"."graft_source",
                  "t95"."second_infusion_day",
                  "t95"."treatment_start_day",
                  "t95"."weight_kg",
                  "t95"."randomisation_day",
                  "t95"."death_day",
                  "t95"."death_cause",
                  "t95"."censor_day",
                  "t95"."relapse_recorded_day",
                  "t29"."patient_id" AS "patient_id_right",
                  "t29"."last_lab_day"
                FROM (
                  SELECT
                    "t88"."patient_id",
                    "t88"."arm",
                    "t88"."modality",
                    "t88"."graft_source",
                    "t88"."second_infusion_day",
                    "t88"."treatment_start_day",
                    "t88"."weight_kg",
                    "t88"."randomisation_day",
                    "t88"."death_day",
                    "t88"."death_cause",
                    "t88"."censor_day",
                    "t88"."relapse_recorded_day"
                  FROM (
                    SELECT
                      "t80"."patient_id",
                      "t80"."arm",
                      "t80"."modality",
                      "t80"."graft_source",
                      "t80"."second_infusion_day",
                      "t80"."treatment_start_day",
                      "t80"."weight_kg",
                      "t80"."randomisation_day",
                      "t80"."death_day",
                      "t80"."death_cause",
                      "t80"."censor_day",
                      "t54"."patient_id" AS "patient_id_right",
                      "t54"."relapse_recorded_day"
                    FROM (
                      SELECT
                        "t74"."patient_id",
                        "t74"."arm",
                        "t74"."modality",
                        "t74"."graft_source",
                        "t74"."second_infusion_day",
                        "t74"."treatment_start_day",
                        "t74"."weight_kg",
                        "t74"."randomisation_day",
                        "t74"."death_day",
                        "t74"."death_cause",
                        "t74"."censor_day"
                      FROM (
                        SELECT
                          "t63"."patient_id",
                          "t63"."arm",
                          "t63"."modality",
                          "t63"."graft_source",
                          "t63"."second_infusion_day",
                          "t63"."treatment_start_day",
                          "t63"."weight_kg",
                          "t63"."randomisation_day",
                          "t45"."patient_id" AS "patient_id_right",
                          "t45"."death_day",
                          "t45"."death_cause",
                          "t45"."censor_day"
                        FROM (
                          SELECT
                            "t58"."patient_id",
                            "t58"."arm",
                            "t58"."modality",
                            "t58"."graft_source",
                            "t58"."second_infusion_day",
                            "t58"."treatment_start_day",
                            "t58"."weight_kg",
                            "t58"."randomisation_day"
                          FROM (
                            SELECT
                              "t36"."patient_id",
                              "t36"."arm",
                              "t36"."modality",
                              "t36"."graft_source",
                              "t36"."second_infusion_day",
                              "t36"."treatment_start_day",
                              "t33"."patient_id" AS "patient_id_right",
                              "t33"."weight_kg",
                              "t33"."randomisation_day"
                            FROM (
                              SELECT
                                "t9"."patient_id",
                                COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                "t9"."modality",
                                "t9"."graft_source",
                                CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                              FROM "treatments" AS "t9"
                            ) AS "t36"
                            LEFT OUTER JOIN (
                              SELECT
                                "t7"."patient_id",
                                "t7"."weight_kg",
                                CAST("t7"."randomisation_day" AS BIGINT) AS "randomisation_day"
                              FROM "patients" AS "t7"
                            ) AS "t33"
                              ON "t36"."patient_id" = "t33"."patient_id"
                          ) AS "t58"
                        ) AS "t63"
                        LEFT OUTER JOIN (
                          SELECT
                            "t5"."patient_id",
                            CASE
                              WHEN "t5"."vital_status" = 'dead'
                              THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END AS "death_day",
                            CASE
                              WHEN "t5"."vital_status" = 'dead'
                              THEN "t5"."cause"
                              ELSE CAST(NULL AS VARCHAR)
                            END AS "death_cause",
                            GREATEST(
                              "t5"."last_contact_day",
                              COALESCE(
                                CASE
                                  WHEN "t5"."vital_status" = 'dead'
                                  THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END,
                                "t5"."last_contact_day"
                              )
                            ) AS "censor_day"
                          FROM "followup" AS "t5"
                        ) AS "t45"
                          ON "t63"."patient_id" = "t45"."patient_id"
                      ) AS "t74"
                    ) AS "t80"
                    LEFT OUTER JOIN (
                      SELECT
                        "t19"."patient_id",
                        CAST(MIN("t19"."day") AS BIGINT) AS "relapse_recorded_day"
                      FROM (
                        SELECT
                          *
                        FROM "disease_assessments" AS "t3"
                        WHERE
                          "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
                      ) AS "t19"
                      GROUP BY
                        1
                    ) AS "t54"
                      ON "t80"."patient_id" = "t54"."patient_id"
                  ) AS "t88"
                ) AS "t95"
                LEFT OUTER JOIN (
                  SELECT
                    "t2"."patient_id",
                    MAX("t2"."day") AS "last_lab_day"
                  FROM "labs" AS "t2"
                  GROUP BY
                    1
                ) AS "t29"
                  ON "t95"."patient_id" = "t29"."patient_id"
              ) AS "t108"
            ) AS "t111"
          ) AS "t122"
          LEFT OUTER JOIN (
            SELECT
              "t125"."patient_id",
              "t125"."day" AS "n_day",
              "t125"."applicable" AS "n_fell"
            FROM "t124" AS "t125"
          ) AS "t142"
            ON "t122"."patient_id" = "t142"."patient_id"
        ) AS "t153"
      ) AS "t163"
      LEFT OUTER JOIN (
        SELECT
          "t184"."patient_id",
          "t184"."day" AS "p_day",
          COALESCE("t184"."platelet_engraftment_fell", FALSE)
          OR (
            "t184"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t180"."patient_id",
            "t180"."platelet_engraftment_fell",
            "t180"."platelet50_engraftment_fell",
            "t180"."first_transfusion_day",
            "t180"."day"
          FROM (
            SELECT
              "t164"."patient_id",
              "t164"."platelet_engraftment_fell",
              "t164"."platelet50_engraftment_fell",
              "t164"."first_transfusion_day",
              "t171"."patient_id" AS "patient_id_right",
              "t171"."day"
            FROM (
              SELECT
                "t159"."patient_id",
                "t159"."platelet_engraftment_fell",
                "t159"."platelet50_engraftment_fell",
                "t159"."first_transfusion_day"
              FROM (
                SELECT
                  "t146"."patient_id",
                  "t146"."platelet_engraftment_fell",
                  "t146"."platelet50_engraftment_fell",
                  "t55"."patient_id" AS "patient_id_right",
                  "t55"."first_transfusion_day"
                FROM (
                  SELECT
                    "t132"."patient_id",
                    "t132"."platelet_engraftment_fell",
                    "t132"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t121"."patient_id",
                      "t110"."patient_id" AS "patient_id_right",
                      "t110"."platelet_engraftment_fell",
                      "t110"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t107"."patient_id"
                        FROM "t106" AS "t107"
                      ) AS "t114"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t46"."patient_id"
                        FROM "t41" AS "t46"
                      ) AS "t61"
                    ) AS "t121"
                    LEFT OUTER JOIN "t106" AS "t110"
                      ON "t121"."patient_id" = "t110"."patient_id"
                  ) AS "t132"
                ) AS "t146"
                LEFT OUTER JOIN "t41" AS "t55"
                  ON "t146"."patient_id" = "t55"."patient_id"
              ) AS "t159"
            ) AS "t164"
            LEFT OUTER JOIN (
              SELECT
                "t154"."patient_id",
                CAST(MIN("t154"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t138"."patient_id",
                  "t138"."day",
                  "t138"."failed_before",
                  "t138"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t112"."patient_id",
                      "t112"."day",
                      "t112"."failed_before",
                      "t112"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t103"."patient_id",
                        "t103"."day",
                        "t103"."failed_before",
                        "t55"."patient_id" AS "patient_id_right",
                        "t55"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t91"."patient_id",
                          "t91"."day",
                          "t91"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t87" AS "t91"
                        WHERE
                          "t91"."platelet_engraftment_run_start"
                      ) AS "t103"
                      LEFT OUTER JOIN "t41" AS "t55"
                        ON "t103"."patient_id" = "t55"."patient_id"
                    ) AS "t112"
                  ) AS "t116"
                  WHERE
                    "t116"."failed_before"
                    OR COALESCE("t116"."first_transfusion_day" < "t116"."day", FALSE)
                ) AS "t138"
                WHERE
                  NOT EXISTS(
                    SELECT
                      1
                    FROM "t22" AS "t38"
                    WHERE
                      "t138"."patient_id" = "t38"."patient_id"
                      AND "t38"."day" <= "t138"."day"
                      AND "t38"."day" > (
                        "t138"."day" - 7
                      )
                  )
              ) AS "t154"
              GROUP BY
                1
            ) AS "t171"
              ON "t164"."patient_id" = "t171"."patient_id"
          ) AS "t180"
        ) AS "t184"
      ) AS "t198"
        ON "t163"."patient_id" = "t198"."patient_id"
    ) AS "t204"
  ) AS "t206"
), "t238" AS (
  SELECT
    "t237"."patient_id",
    "t237"."day",
    "t237"."kind",
    BOOL_OR("t237"."relapse_day" IS NOT NULL) AS "explained"
  FROM (
    SELECT
      "t236"."patient_id",
      "t236"."day",
      "t236"."kind",
      "t31"."patient_id" AS "patient_id_right",
      "t31"."relapse_day"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t232"."patient_id",
          CAST("t232"."day" AS BIGINT) AS "day",
          'anc' AS "kind"
        FROM (
          SELECT
            "t229"."patient_id",
            "t229"."day",
            "t229"."value",
            "t229"."meets",
            "t229"."meets"
            AND COALESCE(
              LEAD("t229"."meets", 1) OVER (
                PARTITION BY "t229"."patient_id"
                ORDER BY "t229"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND COALESCE(
              LEAD("t229"."meets", 2) OVER (
                PARTITION BY "t229"."patient_id"
                ORDER BY "t229"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND (
              TRUE
              AND (
                LEAD("t229"."day", 1) OVER (
                  PARTITION BY "t229"."patient_id"
                  ORDER BY "t229"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
              AND (
                LEAD("t229"."day", 2) OVER (
                  PARTITION BY "t229"."patient_id"
                  ORDER BY "t229"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
            ) AS "run_start",
            SUM(CASE WHEN "t229"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t229"."patient_id"
              ORDER BY "t229"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t227"."patient_id",
              "t227"."day",
              "t227"."value",
              "t227"."value" < 0.5 AS "meets"
            FROM (
              SELECT
                "t86"."patient_id",
                "t86"."day",
                "t86"."value",
                "t226"."recovered_day"
              FROM (
                SELECT
                  *
                FROM "t75" AS "t77"
                WHERE
                  "t77"."value" IS NOT NULL
              ) AS "t86"
              INNER JOIN (
                SELECT
                  "t218"."patient_id",
                  "t218"."recovered_day"
                FROM "t215" AS "t218"
                WHERE
                  "t218"."recovered_day" IS NOT NULL
              ) AS "t226"
                ON "t86"."patient_id" = "t226"."patient_id"
            ) AS "t227"
            WHERE
              "t227"."day" > "t227"."recovered_day"
          ) AS "t229"
        ) AS "t232"
        WHERE
          "t232"."run_start"
      ) AS "t234"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t231"."patient_id",
          "t231"."day",
          'platelet_transfusions' AS "kind"
        FROM (
          SELECT
            "t230"."patient_id",
            "t230"."day",
            LEAD("t230"."day", 1) OVER (
              PARTITION BY "t230"."patient_id"
              ORDER BY "t230"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "kth"
          FROM (
            SELECT DISTINCT
              "t228"."patient_id",
              CAST("t228"."day" AS BIGINT) AS "day"
            FROM (
              SELECT
                "t39"."patient_id",
                "t39"."day",
                "t226"."recovered_day"
              FROM "t22" AS "t39"
              INNER JOIN (
                SELECT
                  "t218"."patient_id",
                  "t218"."recovered_day"
                FROM "t215" AS "t218"
                WHERE
                  "t218"."recovered_day" IS NOT NULL
              ) AS "t226"
                ON "t39"."patient_id" = "t226"."patient_id"
            ) AS "t228"
            WHERE
              "t228"."day" > "t228"."recovered_day"
          ) AS "t230"
        ) AS "t231"
        WHERE
          (
            "t231"."kth" - "t231"."day"
          ) <= 6
      ) AS "t233"
    ) AS "t236"
    LEFT OUTER JOIN (
      SELECT
        "t3"."patient_id",
        CAST("t3"."day" AS BIGINT) AS "relapse_day"
      FROM "disease_assessments" AS "t3"
      WHERE
        "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
    ) AS "t31"
      ON "t236"."patient_id" = "t31"."patient_id"
      AND "t31"."relapse_day" BETWEEN "t236"."day" - 14 AND "t236"."day" + 14
  ) AS "t237"
  GROUP BY
    1,
    2,
    3
)
SELECT
  "t258"."patient_id",
  "t258"."arm",
  "t258"."modality",
  CASE
    WHEN "t258"."neutrophil_engraftment_applicable"
    THEN CASE
      WHEN (
        "t258"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."neutrophil_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN "t258"."neutrophil_engraftment_event_day"
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN "t258"."engraftment_competing_day"
      ELSE "t258"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_day",
  CASE
    WHEN "t258"."neutrophil_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t258"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."neutrophil_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_status",
  "t258"."neutrophil_engraftment_applicable",
  CASE
    WHEN "t258"."platelet_engraftment_applicable"
    THEN CASE
      WHEN (
        "t258"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."platelet_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN "t258"."platelet_engraftment_event_day"
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN "t258"."engraftment_competing_day"
      ELSE "t258"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_day",
  CASE
    WHEN "t258"."platelet_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t258"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."platelet_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_status",
  "t258"."platelet_engraftment_applicable",
  CASE
    WHEN "t258"."platelet50_engraftment_applicable"
    THEN CASE
      WHEN (
        "t258"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."platelet50_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN "t258"."platelet50_engraftment_event_day"
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN "t258"."engraftment_competing_day"
      ELSE "t258"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_day",
  CASE
    WHEN "t258"."platelet50_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t258"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t258"."engraftment_competing_day" IS NULL
        )
        OR (
          "t258"."platelet50_engraftment_event_day" <= "t258"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t258"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_status",
  "t258"."platelet50_engraftment_applicable",
  CASE
    WHEN (
      "t258"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."agvhd_2_4_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN "t258"."agvhd_2_4_event_day"
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN "t258"."gvhd_competing_day"
    ELSE "t258"."censor_day"
  END AS "agvhd_2_4_day",
  CAST(CASE
    WHEN (
      "t258"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."agvhd_2_4_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_2_4_status",
  CASE
    WHEN (
      "t258"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."agvhd_3_4_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN "t258"."agvhd_3_4_event_day"
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN "t258"."gvhd_competing_day"
    ELSE "t258"."censor_day"
  END AS "agvhd_3_4_day",
  CAST(CASE
    WHEN (
      "t258"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."agvhd_3_4_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_3_4_status",
  CASE
    WHEN (
      "t258"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."cgvhd_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN "t258"."cgvhd_event_day"
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN "t258"."gvhd_competing_day"
    ELSE "t258"."censor_day"
  END AS "cgvhd_day",
  CAST(CASE
    WHEN (
      "t258"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."gvhd_competing_day" IS NULL
      )
      OR (
        "t258"."cgvhd_event_day" <= "t258"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t258"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "cgvhd_status",
  CASE
    WHEN (
      "t258"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."relapse_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."relapse_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "relapse_day",
  CAST(CASE
    WHEN (
      "t258"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."relapse_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "relapse_status",
  CASE
    WHEN (
      "t258"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."relapse_day" IS NULL
      )
      OR (
        "t258"."nrm_event_day" <= "t258"."relapse_day"
      )
    )
    THEN "t258"."nrm_event_day"
    WHEN "t258"."relapse_day" IS NOT NULL
    THEN "t258"."relapse_day"
    ELSE "t258"."censor_day"
  END AS "nrm_day",
  CAST(CASE
    WHEN (
      "t258"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."relapse_day" IS NULL
      )
      OR (
        "t258"."nrm_event_day" <= "t258"."relapse_day"
      )
    )
    THEN 1
    WHEN "t258"."relapse_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "nrm_status",
  CASE
    WHEN (
      "t258"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t258"."death_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t258"."censor_day"
  END AS "os_day",
  CAST(CASE
    WHEN (
      "t258"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "os_status",
  CASE
    WHEN (
      "t258"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t258"."pfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t258"."censor_day"
  END AS "pfs_day",
  CAST(CASE
    WHEN (
      "t258"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "pfs_status",
  CASE
    WHEN (
      "t258"."efs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."efs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t258"."efs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t258"."censor_day"
  END AS "efs_day",
  CAST(CASE
    WHEN (
      "t258"."efs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."efs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "efs_status",
  CASE
    WHEN (
      "t258"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t258"."grfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t258"."censor_day"
  END AS "grfs_day",
  CAST(CASE
    WHEN (
      "t258"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "grfs_status",
  CASE
    WHEN (
      "t258"."crfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."crfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t258"."crfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t258"."censor_day"
  END AS "crfs_day",
  CAST(CASE
    WHEN (
      "t258"."crfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t258"."crfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "crfs_status",
  CASE
    WHEN (
      "t258"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."infection_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "infection_day",
  CAST(CASE
    WHEN (
      "t258"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_status",
  CASE
    WHEN (
      "t258"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_bacterial_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."infection_bacterial_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "infection_bacterial_day",
  CAST(CASE
    WHEN (
      "t258"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_bacterial_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_bacterial_status",
  CASE
    WHEN (
      "t258"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_viral_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."infection_viral_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "infection_viral_day",
  CAST(CASE
    WHEN (
      "t258"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_viral_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_viral_status",
  CASE
    WHEN (
      "t258"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_fungal_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."infection_fungal_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "infection_fungal_day",
  CAST(CASE
    WHEN (
      "t258"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_fungal_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_fungal_status",
  CASE
    WHEN (
      "t258"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_other_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."infection_other_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "infection_other_day",
  CAST(CASE
    WHEN (
      "t258"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."infection_other_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_other_status",
  CASE
    WHEN (
      "t258"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."immune_reconstitution_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."immune_reconstitution_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "immune_reconstitution_day",
  CAST(CASE
    WHEN (
      "t258"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."immune_reconstitution_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "immune_reconstitution_status",
  CASE
    WHEN (
      "t258"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."lymphocyte_recovery_event_day" <= "t258"."death_day"
      )
    )
    THEN "t258"."lymphocyte_recovery_event_day"
    WHEN "t258"."death_day" IS NOT NULL
    THEN "t258"."death_day"
    ELSE "t258"."censor_day"
  END AS "lymphocyte_recovery_day",
  CAST(CASE
    WHEN (
      "t258"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t258"."death_day" IS NULL
      )
      OR (
        "t258"."lymphocyte_recovery_event_day" <= "t258"."death_day"
      )
    )
    THEN 1
    WHEN "t258"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "lymphocyte_recovery_status",
  COALESCE("t258"."agvhd_max_grade", 0) AS "agvhd_max_grade",
  CASE
    WHEN COALESCE("t258"."cgvhd_max_rank", 0) = 0
    THEN 'none'
    WHEN COALESCE("t258"."cgvhd_max_rank", 0) = 1
    THEN 'mild'
    WHEN COALESCE("t258"."cgvhd_max_rank", 0) = 2
    THEN 'moderate'
    WHEN COALESCE("t258"."cgvhd_max_rank", 0) = 3
    THEN 'severe'
    ELSE 'none'
  END AS "cgvhd_max_severity",
  "t258"."primary_graft_failure",
  "t258"."secondary_graft_failure",
  "t258"."secondary_graft_failure_day",
  CASE
    WHEN NOT (
      "t258"."modality" = 'allo_hsct'
    )
    THEN 'not_applicable'
    WHEN "t258"."graft_rejection_day" IS NOT NULL
    THEN 'yes'
    WHEN "t258"."allo_day" IS NOT NULL
    THEN 'no'
    ELSE 'not_tested'
  END AS "graft_rejection",
  CASE
    WHEN "t258"."modality" = 'allo_hsct'
    THEN "t258"."graft_rejection_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "graft_rejection_day",
  CASE
    WHEN "t258"."modality" = 'allo_hsct'
    THEN "t258"."graft_rejection_assay"
    ELSE CAST(NULL AS VARCHAR)
  END AS "graft_rejection_assay",
  CASE
    WHEN (
      "t258"."allo_day" IS NOT NULL
    ) OR (
      "t258"."mst_day" IS NOT NULL
    )
    THEN CASE
      WHEN "t258"."modality" = 'mst'
      THEN "t258"."mst_category"
      ELSE "t258"."allo_category"
    END
    ELSE 'not_tested'
  END AS "chimerism_category",
  CASE WHEN "t258"."modality" = 'mst' THEN "t258"."mst_day" ELSE "t258"."allo_day" END AS "chimerism_day",
  CASE
    WHEN "t258"."modality" = 'mst'
    THEN "t258"."mst_method"
    ELSE "t258"."allo_method"
  END AS "chimerism_assay",
  CASE
    WHEN "t258"."modality" = 'mst'
    THEN "t258"."mst_lineage"
    ELSE "t258"."allo_lineage"
  END AS "chimerism_lineage",
  CASE
    WHEN "t258"."modality" = 'mst'
    THEN "t258"."microchimerism_first_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "microchimerism_first_day",
  CASE
    WHEN "t258"."modality" = 'mst'
    THEN "t258"."microchimerism_last_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "microchimerism_last_day",
  COALESCE("t258"."best_response", 'not_assessed') AS "best_response",
  COALESCE("t258"."best_response", 'not_assessed') IN ('cr') AS "cr_achieved",
  "t258"."death_cause",
  COALESCE("t258"."relapse_at_death", FALSE) AS "relapse_at_death",
  COALESCE("t258"."infections_by_day100", 0) AS "infections_by_day100",
  COALESCE("t258"."infections_by_day100_bacterial", 0) AS "infections_by_day100_bacterial",
  COALESCE("t258"."infections_by_day100_viral", 0) AS "infections_by_day100_viral",
  COALESCE("t258"."infections_by_day100_fungal", 0) AS "infections_by_day100_fungal",
  COALESCE("t258"."infections_by_day100_other", 0) AS "infections_by_day100_other",
  COALESCE("t258"."serious_adverse_event_attributed", FALSE) AS "serious_adverse_event_attributed"
FROM (
  SELECT
    "t257"."patient_id",
    "t257"."arm",
    "t257"."modality",
    "t257"."graft_source",
    "t257"."second_infusion_day",
    "t257"."weight_kg",
    "t257"."death_day",
    "t257"."death_cause",
    "t257"."censor_day",
    "t257"."relapse_recorded_day",
    "t257"."relapse_day",
    "t257"."relapse_at_death",
    "t257"."origin_day",
    "t257"."neutrophil_engraftment_event_day",
    "t257"."neutrophil_engraftment_fell",
    "t257"."platelet_engraftment_event_day",
    "t257"."platelet_engraftment_fell",
    "t257"."platelet50_engraftment_event_day",
    "t257"."platelet50_engraftment_fell",
    "t257"."primary_graft_failure",
    "t257"."secondary_graft_failure",
    "t257"."secondary_graft_failure_day",
    "t257"."agvhd_max_grade",
    "t257"."cgvhd_max_rank",
    "t257"."agvhd_2_4_event_day",
    "t257"."agvhd_3_4_event_day",
    "t257"."cgvhd_event_day",
    "t257"."grfs_agvhd_day",
    "t257"."grfs_cgvhd_day",
    "t257"."crfs_cgvhd_day",
    "t257"."allo_category",
    "t257"."allo_day",
    "t257"."allo_lineage",
    "t257"."allo_method",
    "t257"."mst_category",
    "t257"."mst_day",
    "t257"."mst_lineage",
    "t257"."mst_method",
    "t257"."microchimerism_first_day",
    "t257"."microchimerism_last_day",
    "t257"."graft_rejection_day",
    "t257"."graft_rejection_assay",
    "t257"."best_response",
    "t257"."infection_event_day",
    "t257"."infections_by_day100",
    "t257"."infection_bacterial_event_day",
    "t257"."infections_by_day100_bacterial",
    "t257"."infection_viral_event_day",
    "t257"."infections_by_day100_viral",
    "t257"."infection_fungal_event_day",
    "t257"."infections_by_day100_fungal",
    "t257"."infection_other_event_day",
    "t257"."infections_by_day100_other",
    "t257"."immune_reconstitution_event_day",
    "t257"."lymphocyte_recovery_event_day",
    "t257"."serious_adverse_event_attributed",
    "t257"."death_day" AS "engraftment_competing_day",
    "t257"."death_day" AS "gvhd_competing_day",
    CASE
      WHEN (
        "t257"."relapse_day" IS NULL
      )
      OR (
        "t257"."death_day" < "t257"."relapse_day"
      )
      THEN "t257"."death_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "nrm_event_day",
    NULLIF(
      LEAST(
        COALESCE("t257"."relapse_day", 1000000000),
        COALESCE("t257"."death_day", 1000000000)
      ),
      1000000000
    ) AS "pfs_event_day",
    NULLIF(
      LEAST(
        COALESCE(
          CASE
            WHEN (
              "t257"."best_response" IS NOT NULL
            )
            AND NOT (
              "t257"."best_response" IN ('cr')
            )
            THEN "t257"."origin_day"
            ELSE CAST(NULL AS BIGINT)
          END,
          1000000000
        ),
        COALESCE("t257"."relapse_day", 1000000000),
        COALESCE("t257"."death_day", 1000000000)
      ),
      1000000000
    ) AS "efs_event_day",
    NULLIF(
      LEAST(
        COALESCE("t257"."grfs_agvhd_day", 1000000000),
        COALESCE("t257"."grfs_cgvhd_day", 1000000000),
        COALESCE("t257"."relapse_day", 1000000000),
        COALESCE("t257"."death_day", 1000000000)
      ),
      1000000000
    ) AS "grfs_event_day",
    NULLIF(
      LEAST(
        COALESCE("t257"."crfs_cgvhd_day", 1000000000),
        COALESCE("t257"."relapse_day", 1000000000),
        COALESCE("t257"."death_day", 1000000000)
      ),
      1000000000
    ) AS "crfs_event_day",
    COALESCE("t257"."neutrophil_engraftment_fell", TRUE) AS "neutrophil_engraftment_applicable",
    COALESCE("t257"."platelet_engraftment_fell", TRUE) AS "platelet_engraftment_applicable",
    COALESCE("t257"."platelet50_engraftment_fell", TRUE) AS "platelet50_engraftment_applicable"
  FROM (
    SELECT
      "t135"."patient_id",
      "t135"."arm",
      "t135"."modality",
      "t135"."graft_source",
      "t135"."second_infusion_day",
      "t135"."weight_kg",
      "t135"."death_day",
      "t135"."death_cause",
      "t135"."censor_day",
      "t135"."relapse_recorded_day",
      "t135"."relapse_day",
      "t135"."relapse_at_death",
      "t135"."origin_day",
      "t141"."neutrophil_engraftment_event_day",
      "t141"."neutrophil_engraftment_fell",
      "t197"."platelet_engraftment_event_day",
      "t197"."platelet_engraftment_fell",
      "t199"."platelet50_engraftment_event_day",
      "t199"."platelet50_engraftment_fell",
      "t256"."primary_graft_failure",
      "t256"."secondary_graft_failure",
      "t256"."secondary_graft_failure_day",
      "t219"."agvhd_max_grade",
      "t219"."cgvhd_max_rank",
      "t219"."agvhd_2_4_event_day",
      "t219"."agvhd_3_4_event_day",
      "t219"."cgvhd_event_day",
      "t219"."grfs_agvhd_day",
      "t219"."grfs_cgvhd_day",
      "t219"."crfs_cgvhd_day",
      "t220"."allo_category",
      "t220"."allo_day",
      "t220"."allo_lineage",
      "t220"."allo_method",
      "t220"."mst_category",
      "t220"."mst_day",
      "t220"."mst_lineage",
      "t220"."mst_method",
      "t220"."microchimerism_first_day",
      "t220"."microchimerism_last_day",
      "t220"."graft_rejection_day",
      "t220"."graft_rejection_assay",
      "t192"."best_response",
      "t67"."infection_event_day",
      "t67"."infections_by_day100",
      "t67"."infection_bacterial_event_day",
      "t67"."infections_by_day100_bacterial",
      "t67"."infection_viral_event_day",
      "t67"."infections_by_day100_viral",
      "t67"."infection_fungal_event_day",
      "t67"."infections_by_day100_fungal",
      "t67"."infection_other_event_day",
      "t67"."infections_by_day100_other",
      "t101"."immune_reconstitution_event_day",
      "t102"."lymphocyte_recovery_event_day",
      "t49"."serious_adverse_event_attributed"
    FROM (
      SELECT
        "t111"."patient_id",
        "t111"."arm",
        "t111"."modality",
        "t111"."graft_source",
        "t111"."second_infusion_day",
        "t111"."weight_kg",
        "t111"."death_day",
        "t111"."death_cause",
        COALESCE("t111"."censor_day", CAST("t111"."last_lab_day" AS BIGINT), 0) AS "censor_day",
        "t111"."relapse_recorded_day",
        CASE
          WHEN (
            "t111"."death_day" IS NOT NULL
          )
          AND "t111"."death_cause" IN ('relapse', 'progression')
          AND (
            (
              "t111"."relapse_recorded_day" IS NULL
            )
            OR (
              "t111"."relapse_recorded_day" > "t111"."death_day"
            )
          )
          THEN "t111"."death_day"
          ELSE "t111"."relapse_recorded_day"
        END AS "relapse_day",
        COALESCE(
          (
            "t111"."death_day" IS NOT NULL
          )
          AND "t111"."death_cause" IN ('relapse', 'progression')
          AND (
            (
              "t111"."relapse_recorded_day" IS NULL
            )
            OR (
              "t111"."relapse_recorded_day" > "t111"."death_day"
            )
          ),
          FALSE
        ) AS "relapse_at_death",
        0 AS "origin_day"
      FROM (
        SELECT
          "t108"."patient_id",
          "t108"."arm",
          "t108"."modality",
          "t108"."graft_source",
          "t108"."second_infusion_day",
          "t108"."treatment_start_day",
          "t108"."weight_kg",
          "t108"."randomisation_day",
          "t108"."death_day",
          "t108"."death_cause",
          "t108"."censor_day",
          "t108"."relapse_recorded_day",
          "t108"."last_lab_day"
        FROM (
          SELECT
            "t95"."patient_id",
            "t95"."arm",
            "t95"."modality",
            "t95"."graft_source",
            "t95"."second_infusion_day",
            "t95"."treatment_start_day",
            "t95"."weight_kg",
            "t95"."randomisation_day",
            "t95"."death_day",
            "t95"."death_cause",
            "t95"."censor_day",
            "t95"."relapse_recorded_day",
            "t29"."patient_id" AS "patient_id_right",
            "t29"."last_lab_day"
          FROM (
            SELECT
              "t88"."patient_id",
              "t88"."arm",
              "t88"."modality",
              "t88"."graft_source",
              "t88"."second_infusion_day",
              "t88"."treatment_start_day",
              "t88"."weight_kg",
              "t88"."randomisation_day",
              "t88"."death_day",
              "t88"."death_cause",
              "t88"."censor_day",
              "t88"."relapse_recorded_day"
            FROM (
              SELECT
                "t80"."patient_id",
                "t80"."arm",
                "t80"."modality",
                "t80"."graft_source",
                "t80"."second_infusion_day",
                "t80"."treatment_start_day",
                "t80"."weight_kg",
                "t80"."randomisation_day",
                "t80"."death_day",
                "t80"."death_cause",
                "t80"."censor_day",
                "t54"."patient_id" AS "patient_id_right",
                "t54"."relapse_recorded_day"
              FROM (
                SELECT
                  "t74"."patient_id",
                  "t74"."arm",
                  "t74"."modality",
                  "t74"."graft_source",
                  "t74"."second_infusion_day",
                  "t74"."treatment_start_day",
                  "t74"."weight_kg",
                  "t74"."randomisation_day",
                  "t74"."death_day",
                  "t74"."death_cause",
                  "t74"."censor_day"
                FROM (
                  SELECT
                    "t63"."patient_id",
                    "t63"."arm",
                    "t63"."modality",
                    "t63"."graft_source",
                    "t63"."second_infusion_day",
                    "t63"."treatment_start_day",
                    "t63"."weight_kg",
                    "t63"."randomisation_day",
                    "t45"."patient_id" AS "patient_id_right",
                    "t45"."death_day",
                    "t45"."death_cause",
                    "t45"."censor_day"
                  FROM (
                    SELECT
                      "t58"."patient_id",
                      "t58"."arm",
                      "t58"."modality",
                      "t58"."graft_source",
                      "t58"."second_infusion_day",
                      "t58"."treatment_start_day",
                      "t58"."weight_kg",
                      "t58"."randomisation_day"
                    FROM (
                      SELECT
                        "t36"."patient_id",
                        "t36"."arm",
                        "t36"."modality",
                        "t36"."graft_source",
                        "t36"."second_infusion_day",
                        "t36"."treatment_start_day",
                        "t33"."patient_id" AS "patient_id_right",
                        "t33"."weight_kg",
                        "t33"."randomisation_day"
                      FROM (
                        SELECT
                          "t9"."patient_id",
                          COALESCE("t9"."arm", "t9"."modality") AS "arm",
                          "t9"."modality",
                          "t9"."graft_source",
                          CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                          CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                        FROM "treatments" AS "t9"
                      ) AS "t36"
                      LEFT OUTER JOIN (
                        SELECT
                          "t7"."patient_id",
                          "t7"."weight_kg",
                          CAST("t7"."randomisation_day" AS BIGINT) AS "randomisation_day"
                        FROM "patients" AS "t7"
                      ) AS "t33"
                        ON "t36"."patient_id" = "t33"."patient_id"
                    ) AS "t58"
                  ) AS "t63"
                  LEFT OUTER JOIN (
                    SELECT
                      "t5"."patient_id",
                      CASE
                        WHEN "t5"."vital_status" = 'dead'
                        THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                        ELSE CAST(NULL AS BIGINT)
                      END AS "death_day",
                      CASE
                        WHEN "t5"."vital_status" = 'dead'
                        THEN "t5"."cause"
                        ELSE CAST(NULL AS VARCHAR)
                      END AS "death_cause",
                      GREATEST(
                        "t5"."last_contact_day",
                        COALESCE(
                          CASE
                            WHEN "t5"."vital_status" = 'dead'
                            THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                            ELSE CAST(NULL AS BIGINT)
                          END,
                          "t5"."last_contact_day"
                        )
                      ) AS "censor_day"
                    FROM "followup" AS "t5"
                  ) AS "t45"
                    ON "t63"."patient_id" = "t45"."patient_id"
                ) AS "t74"
              ) AS "t80"
              LEFT OUTER JOIN (
                SELECT
                  "t19"."patient_id",
                  CAST(MIN("t19"."day") AS BIGINT) AS "relapse_recorded_day"
                FROM (
                  SELECT
                    *
                  FROM "disease_assessments" AS "t3"
                  WHERE
                    "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
                ) AS "t19"
                GROUP BY
                  1
              ) AS "t54"
                ON "t80"."patient_id" = "t54"."patient_id"
            ) AS "t88"
          ) AS "t95"
          LEFT OUTER JOIN (
            SELECT
              "t2"."patient_id",
              MAX("t2"."day") AS "last_lab_day"
            FROM "labs" AS "t2"
            GROUP BY
              1
          ) AS "t29"
            ON "t95"."patient_id" = "t29"."patient_id"
        ) AS "t108"
      ) AS "t111"
    ) AS "t135"
    LEFT OUTER JOIN (
      SELECT
        "t125"."patient_id" AS "neutrophil_engraftment_patient_id",
        "t125"."day" AS "neutrophil_engraftment_event_day",
        "t125"."applicable" AS "neutrophil_engraftment_fell"
      FROM "t124" AS "t125"
    ) AS "t141"
      ON "t135"."patient_id" = "t141"."neutrophil_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t184"."patient_id" AS "platelet_engraftment_patient_id",
        "t184"."day" AS "platelet_engraftment_event_day",
        COALESCE("t184"."platelet_engraftment_fell", FALSE)
        OR (
          "t184"."first_transfusion_day" IS NOT NULL
        ) AS "platelet_engraftment_fell"
      FROM (
        SELECT
          "t180"."patient_id",
          "t180"."platelet_engraftment_fell",
          "t180"."platelet50_engraftment_fell",
          "t180"."first_transfusion_day",
          "t180"."day"
        FROM (
          SELECT
            "t164"."patient_id",
            "t164"."platelet_engraftment_fell",
            "t164"."platelet50_engraftment_fell",
            "t164"."first_transfusion_day",
            "t171"."patient_id" AS "patient_id_right",
            "t171"."day"
          FROM (
            SELECT
              "t159"."patient_id",
              "t159"."platelet_engraftment_fell",
              "t159"."platelet50_engraftment_fell",
              "t159"."first_transfusion_day"
            FROM (
              SELECT
                "t146"."patient_id",
                "t146"."platelet_engraftment_fell",
                "t146"."platelet50_engraftment_fell",
                "t55"."patient_id" AS "patient_id_right",
                "t55"."first_transfusion_day"
              FROM (
                SELECT
                  "t132"."patient_id",
                  "t132"."platelet_engraftment_fell",
                  "t132"."platelet50_engraftment_fell"
                FROM (
                  SELECT
                    "t121"."patient_id",
                    "t110"."patient_id" AS "patient_id_right",
                    "t110"."platelet_engraftment_fell",
                    "t110"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t107"."patient_id"
                      FROM "t106" AS "t107"
                    ) AS "t114"
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t46"."patient_id"
                      FROM "t41" AS "t46"
                    ) AS "t61"
                  ) AS "t121"
                  LEFT OUTER JOIN "t106" AS "t110"
                    ON "t121"."patient_id" = "t110"."patient_id"
                ) AS "t132"
              ) AS "t146"
              LEFT OUTER JOIN "t41" AS "t55"
                ON "t146"."patient_id" = "t55"."patient_id"
            ) AS "t159"
          ) AS "t164"
          LEFT OUTER JOIN (
            SELECT
              "t154"."patient_id",
              CAST(MIN("t154"."day") AS BIGINT) AS "day"
            FROM (
              SELECT
                "t138"."patient_id",
                "t138"."day",
                "t138"."failed_before",
                "t138"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t112"."patient_id",
                    "t112"."day",
                    "t112"."failed_before",
                    "t112"."first_transfusion_day"
                  FROM (
                    SELECT
                      "t103"."patient_id",
                      "t103"."day",
                      "t103"."failed_before",
                      "t55"."patient_id" AS "patient_id_right",
                      "t55"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t91"."patient_id",
                        "t91"."day",
                        "t91"."platelet_engraftment_failed_before" AS "failed_before"
                      FROM "t87" AS "t91"
                      WHERE
                        "t91"."platelet_engraftment_run_start"
                    ) AS "t103"
                    LEFT OUTER JOIN "t41" AS "t55"
                      ON "t103"."patient_id" = "t55"."patient_id"
                  ) AS "t112"
                ) AS "t116"
                WHERE
                  "t116"."failed_before"
                  OR COALESCE("t116"."first_transfusion_day" < "t116"."day", FALSE)
              ) AS "t138"
              WHERE
                NOT EXISTS(
                  SELECT
                    1
                  FROM "t22" AS "t38"
                  WHERE
                    "t138"."patient_id" = "t38"."patient_id"
                    AND "t38"."day" <= "t138"."day"
                    AND "t38"."day" > (
                      "t138"."day" - 7
                    )
                )
            ) AS "t154"
            GROUP BY
              1
          ) AS "t171"
            ON "t164"."patient_id" = "t171"."patient_id"
        ) AS "t180"
      ) AS "t184"
    ) AS "t197"
      ON "t135"."patient_id" = "t197"."platelet_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t185"."patient_id" AS "platelet50_engraftment_patient_id",
        "t185"."day" AS "platelet50_engraftment_event_day",
        COALESCE("t185"."platelet50_engraftment_fell", FALSE)
        OR (
          "t185"."first_transfusion_day" IS NOT NULL
        ) AS "platelet50_engraftment_fell"
      FROM (
        SELECT
          "t181"."patient_id",
          "t181"."platelet_engraftment_fell",
          "t181"."platelet50_engraftment_fell",
          "t181"."first_transfusion_day",
          "t181"."day"
        FROM (
          SELECT
            "t164"."patient_id",
            "t164"."platelet_engraftment_fell",
            "t164"."platelet50_engraftment_fell",
            "t164"."first_transfusion_day",
            "t172"."patient_id" AS "patient_id_right",
            "t172"."day"
          FROM (
            SELECT
              "t159"."patient_id",
              "t159"."platelet_engraftment_fell",
              "t159"."platelet50_engraftment_fell",
              "t159"."first_transfusion_day"
            FROM (
              SELECT
                "t146"."patient_id",
                "t146"."platelet_engraftment_fell",
                "t146"."platelet50_engraftment_fell",
                "t55"."patient_id" AS "patient_id_right",
                "t55"."first_transfusion_day"
              FROM (
                SELECT
                  "t132"."patient_id",
                  "t132"."platelet_engraftment_fell",
                  "t132"."platelet50_engraftment_fell"
                FROM (
                  SELECT
                    "t121"."patient_id",
                    "t110"."patient_id" AS "patient_id_right",
                    "t110"."platelet_engraftment_fell",
                    "t110"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t107"."patient_id"
                      FROM "t106" AS "t107"
                    ) AS "t114"
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t46"."patient_id"
                      FROM "t41" AS "t46"
                    ) AS "t61"
                  ) AS "t121"
                  LEFT OUTER JOIN "t106" AS "t110"
                    ON "t121"."patient_id" = "t110"."patient_id"
                ) AS "t132"
              ) AS "t146"
              LEFT OUTER JOIN "t41" AS "t55"
                ON "t146"."patient_id" = "t55"."patient_id"
            ) AS "t159"
          ) AS "t164"
          LEFT OUTER JOIN (
            SELECT
              "t155"."patient_id",
              CAST(MIN("t155"."day") AS BIGINT) AS "day"
            FROM (
              SELECT
                "t139"."patient_id",
                "t139"."day",
                "t139"."failed_before",
                "t139"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t113"."patient_id",
                    "t113"."day",
                    "t113"."failed_before",
                    "t113"."first_transfusion_day"
                  FROM (
                    SELECT
                      "t104"."patient_id",
                      "t104"."day",
                      "t104"."failed_before",
                      "t55"."patient_id" AS "patient_id_right",
                      "t55"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t91"."patient_id",
                        "t91"."day",
                        "t91"."platelet50_engraftment_failed_before" AS "failed_before"
                      FROM "t87" AS "t91"
                      WHERE
                        "t91"."platelet50_engraftment_run_start"
                    ) AS "t104"
                    LEFT OUTER JOIN "t41" AS "t55"
                      ON "t104"."patient_id" = "t55"."patient_id"
                  ) AS "t113"
                ) AS "t117"
                WHERE
                  "t117"."failed_before"
                  OR COALESCE("t117"."first_transfusion_day" < "t117"."day", FALSE)
              ) AS "t139"
              WHERE
                NOT EXISTS(
                  SELECT
                    1
                  FROM "t22" AS "t38"
                  WHERE
                    "t139"."patient_id" = "t38"."patient_id"
                    AND "t38"."day" <= "t139"."day"
                    AND "t38"."day" > (
                      "t139"."day" - 7
                    )
                )
            ) AS "t155"
            GROUP BY
              1
          ) AS "t172"
            ON "t164"."patient_id" = "t172"."patient_id"
        ) AS "t181"
      ) AS "t185"
    ) AS "t199"
      ON "t135"."patient_id" = "t199"."platelet50_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t254"."patient_id" AS "graft_failure_patient_id",
        CASE
          WHEN NOT (
            "t254"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t254"."graft_source" = 'bm'
                THEN 30
                WHEN "t254"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t254"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            (
              "t254"."applicable" IS NOT NULL
            )
            AND NOT (
              COALESCE("t254"."applicable", TRUE)
            )
          )
          OR (
            (
              "t254"."day" IS NOT NULL
            )
            AND (
              "t254"."day" <= CASE
                WHEN "t254"."graft_source" = 'bm'
                THEN 30
                WHEN "t254"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t254"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END
            )
          )
          THEN 'no'
          WHEN "t254"."applicable" IS NULL
          THEN 'not_evaluable'
          WHEN "t254"."censor_day" < CASE
            WHEN "t254"."graft_source" = 'bm'
            THEN 30
            WHEN "t254"."graft_source" = 'pbsc'
            THEN 30
            WHEN "t254"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END
          THEN 'not_evaluable'
          WHEN NOT (
            COALESCE("t254"."anc_low_near", FALSE)
          )
          THEN 'not_evaluable'
          WHEN "t254"."platelets_low_near"
          THEN 'yes'
          WHEN "t254"."platelets_seen_near"
          THEN 'no'
          ELSE 'not_evaluable'
        END AS "primary_graft_failure",
        CASE
          WHEN NOT (
            "t254"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t254"."graft_source" = 'bm'
                THEN 30
                WHEN "t254"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t254"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN NOT (
            "t254"."recovered_day" IS NOT NULL
          )
          AND (
            TRUE
            AND COALESCE("t254"."neutrophils_recovered", FALSE)
            AND NOT (
              COALESCE("t254"."platelets_known", FALSE)
            )
          )
          THEN 'not_evaluable'
          WHEN NOT (
            "t254"."recovered_day" IS NOT NULL
          )
          THEN 'not_applicable'
          WHEN "t254"."decline_day" IS NOT NULL
          THEN 'yes'
          ELSE 'no'
        END AS "secondary_graft_failure",
        CASE
          WHEN "t254"."modality" IN ('allo_hsct', 'auto_hsct')
          AND (
            CASE
              WHEN "t254"."graft_source" = 'bm'
              THEN 30
              WHEN "t254"."graft_source" = 'pbsc'
              THEN 30
              WHEN "t254"."graft_source" = 'cord'
              THEN 42
              ELSE CAST(NULL AS BIGINT)
            END IS NOT NULL
          )
          THEN "t254"."decline_day"
          ELSE CAST(NULL AS BIGINT)
        END AS "secondary_graft_failure_day"
      FROM (
        SELECT
          "t253"."patient_id",
          "t253"."arm",
          "t253"."modality",
          "t253"."graft_source",
          "t253"."second_infusion_day",
          "t253"."weight_kg",
          "t253"."death_day",
          "t253"."death_cause",
          "t253"."censor_day",
          "t253"."relapse_recorded_day",
          "t253"."relapse_day",
          "t253"."relapse_at_death",
          "t253"."origin_day",
          "t253"."day",
          "t253"."applicable",
          "t253"."cutoff",
          "t253"."anc_low_near",
          "t253"."platelets_low_near",
          "t253"."platelets_seen_near",
          "t253"."recovered_day",
          "t253"."neutrophils_recovered",
          "t253"."platelets_known",
          "t253"."decline_day",
          "t253"."decline_kind",
          "t253"."explained"
        FROM (
          SELECT
            "t225"."patient_id",
            "t225"."arm",
            "t225"."modality",
            "t225"."graft_source",
            "t225"."second_infusion_day",
            "t225"."weight_kg",
            "t225"."death_day",
            "t225"."death_cause",
            "t225"."censor_day",
            "t225"."relapse_recorded_day",
            "t225"."relapse_day",
            "t225"."relapse_at_death",
            "t225"."origin_day",
            "t225"."day",
            "t225"."applicable",
            "t225"."cutoff",
            "t225"."anc_low_near",
            "t225"."platelets_low_near",
            "t225"."platelets_seen_near",
            "t252"."patient_id" AS "patient_id_right",
            "t252"."recovered_day",
            "t252"."neutrophils_recovered",
            "t252"."platelets_known",
            "t252"."decline_day",
            "t252"."decline_kind",
            "t252"."explained"
          FROM (
            SELECT
              "t222"."patient_id",
              "t222"."arm",
              "t222"."modality",
              "t222"."graft_source",
              "t222"."second_infusion_day",
              "t222"."weight_kg",
              "t222"."death_day",
              "t222"."death_cause",
              "t222"."censor_day",
              "t222"."relapse_recorded_day",
              "t222"."relapse_day",
              "t222"."relapse_at_death",
              "t222"."origin_day",
              "t222"."day",
              "t222"."applicable",
              "t222"."cutoff",
              "t222"."anc_low_near",
              "t222"."platelets_low_near",
              "t222"."platelets_seen_near"
            FROM (
              SELECT
                "t158"."patient_id",
                "t158"."arm",
                "t158"."modality",
                "t158"."graft_source",
                "t158"."second_infusion_day",
                "t158"."weight_kg",
                "t158"."death_day",
                "t158"."death_cause",
                "t158"."censor_day",
                "t158"."relapse_recorded_day",
                "t158"."relapse_day",
                "t158"."relapse_at_death",
                "t158"."origin_day",
                "t158"."day",
                "t158"."applicable",
                "t214"."patient_id" AS "patient_id_right",
                "t214"."cutoff",
                "t214"."anc_low_near",
                "t214"."platelets_low_near",
                "t214"."platelets_seen_near"
              FROM (
                SELECT
                  "t149"."patient_id",
                  "t149"."arm",
                  "t149"."modality",
                  "t149"."graft_source",
                  "t149"."second_infusion_day",
                  "t149"."weight_kg",
                  "t149"."death_day",
                  "t149"."death_cause",
                  "t149"."censor_day",
                  "t149"."relapse_recorded_day",
                  "t149"."relapse_day",
                  "t149"."relapse_at_death",
                  "t149"."origin_day",
                  "t149"."day",
                  "t149"."applicable"
                FROM (
                  SELECT
                    "t135"."patient_id",
                    "t135"."arm",
                    "t135"."modality",
                    "t135"."graft_source",
                    "t135"."second_infusion_day",
                    "t135"."weight_kg",
                    "t135"."death_day",
                    "t135"."death_cause",
                    "t135"."censor_day",
                    "t135"."relapse_recorded_day",
                    "t135"."relapse_day",
                    "t135"."relapse_at_death",
                    "t135"."origin_day",
                    "t129"."patient_id" AS "patient_id_right",
                    "t129"."day",
                    "t129"."applicable"
                  FROM (
                    SELECT
                      "t111"."patient_id",
                      "t111"."arm",
                      "t111"."modality",
                      "t111"."graft_source",
                      "t111"."second_infusion_day",
                      "t111"."weight_kg",
                      "t111"."death_day",
                      "t111"."death_cause",
                      COALESCE("t111"."censor_day", CAST("t111"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                      "t111"."relapse_recorded_day",
                      CASE
                        WHEN (
                          "t111"."death_day" IS NOT NULL
                        )
                        AND "t111"."death_cause" IN ('relapse', 'progression')
                        AND (
                          (
                            "t111"."relapse_recorded_day" IS NULL
                          )
                          OR (
                            "t111"."relapse_recorded_day" > "t111"."death_day"
                          )
                        )
                        THEN "t111"."death_day"
                        ELSE "t111"."relapse_recorded_day"
                      END AS "relapse_day",
                      COALESCE(
                        (
                          "t111"."death_day" IS NOT NULL
                        )
                        AND "t111"."death_cause" IN ('relapse', 'progression')
                        AND (
                          (
                            "t111"."relapse_recorded_day" IS NULL
                          )
                          OR (
                            "t111"."relapse_recorded_day" > "t111"."death_day"
                          )
                        ),
                        FALSE
                      ) AS "relapse_at_death",
                      0 AS "origin_day"
                    FROM (
                      SELECT
                        "t108"."patient_id",
                        "t108"."arm",
                        "t108"."modality",
                        "t108"."graft_source",
                        "t108"."second_infusion_day",
                        "t108"."treatment_start_day",
                        "t108"."weight_kg",
                        "t108"."randomisation_day",
                        "t108"."death_day",
                        "t108"."death_cause",
                        "t108"."censor_day",
                        "t108"."relapse_recorded_day",
                        "t108"."last_lab_day"
                      FROM (
                        SELECT
                          "t95"."patient_id",
                          "t95"."arm",
                          "t95"."modality",
                          "t95"."graft_source",
                          "t95"."second_infusion_day",
                          "t95"."treatment_start_day",
                          "t95"."weight_kg",
                          "t95"."randomisation_day",
                          "t95"."death_day",
                          "t95"."death_cause",
                          "t95"."censor_day",
                          "t95"."relapse_recorded_day",
                          "t29"."patient_id" AS "patient_id_right",
                          "t29"."last_lab_day"
                        FROM (
                          SELECT
                            "t88"."patient_id",
                            "t88"."arm",
                            "t88"."modality",
                            "t88"."graft_source",
                            "t88"."second_infusion_day",
                            "t88"."treatment_start_day",
                            "t88"."weight_kg",
                            "t88"."randomisation_day",
                            "t88"."death_day",
                            "t88"."death_cause",
                            "t88"."censor_day",
                            "t88"."relapse_recorded_day"
                          FROM (
                            SELECT
                              "t80"."patient_id",
                              "t80"."arm",
                              "t80"."modality",
                              "t80"."graft_source",
                              "t80"."second_infusion_day",
                              "t80"."treatment_start_day",
                              "t80"."weight_kg",
                              "t80"."randomisation_day",
                              "t80"."death_day",
                              "t80"."death_cause",
                              "t80"."censor_day",
                              "t54"."patient_id" AS "patient_id_right",
                              "t54"."relapse_recorded_day"
                            FROM (
                              SELECT
                                "t74"."patient_id",
                                "t74"."arm",
                                "t74"."modality",
                                "t74"."graft_source",
                                "t74"."second_infusion_day",
                                "t74"."treatment_start_day",
                                "t74"."weight_kg",
                                "t74"."randomisation_day",
                                "t74"."death_day",
                                "t74"."death_cause",
                                "t74"."censor_day"
                              FROM (
                                SELECT
                                  "t63"."patient_id",
                                  "t63"."arm",
                                  "t63"."modality",
                                  "t63"."graft_source",
                                  "t63"."second_infusion_day",
                                  "t63"."treatment_start_day",
                                  "t63"."weight_kg",
                                  "t63"."randomisation_day",
                                  "t45"."patient_id" AS "patient_id_right",
                                  "t45"."death_day",
                                  "t45"."death_cause",
                                  "t45"."censor_day"
                                FROM (
                                  SELECT
                                    "t58"."patient_id",
                                    "t58"."arm",
                                    "t58"."modality",
                                    "t58"."graft_source",
                                    "t58"."second_infusion_day",
                                    "t58"."treatment_start_day",
                                    "t58"."weight_kg",
                                    "t58"."randomisation_day"
                                  FROM (
                                    SELECT
                                      "t36"."patient_id",
                                      "t36"."arm",
                                      "t36"."modality",
                                      "t36"."graft_source",
                                      "t36"."second_infusion_day",
                                      "t36"."treatment_start_day",
                                      "t33"."patient_id" AS "patient_id_right",
                                      "t33"."weight_kg",
                                      "t33"."randomisation_day"
                                    FROM (
                                      SELECT
                                        "t9"."patient_id",
                                        COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                        "t9"."modality",
                                        "t9"."graft_source",
                                        CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                        CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                                      FROM "treatments" AS "t9"
                                    ) AS "t36"
                                    LEFT OUTER JOIN (
                                      SELECT
                                        "t7"."patient_id",
                                        "t7"."weight_kg",
                                        CAST("t7"."randomisation_day" AS BIGINT) AS "randomisation_day"
                                      FROM "patients" AS "t7"
                                    ) AS "t33"
                                      ON "t36"."patient_id" = "t33"."patient_id"
                                  ) AS "t58"
                                ) AS "t63"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t5"."patient_id",
                                    CASE
                                      WHEN "t5"."vital_status" = 'dead'
                                      THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END AS "death_day",
                                    CASE
                                      WHEN "t5"."vital_status" = 'dead'
                                      THEN "t5"."cause"
                                      ELSE CAST(NULL AS VARCHAR)
                                    END AS "death_cause",
                                    GREATEST(
                                      "t5"."last_contact_day",
                                      COALESCE(
                                        CASE
                                          WHEN "t5"."vital_status" = 'dead'
                                          THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                                          ELSE CAST(NULL AS BIGINT)
                                        END,
                                        "t5"."last_contact_day"
                                      )
                                    ) AS "censor_day"
                                  FROM "followup" AS "t5"
                                ) AS "t45"
                                  ON "t63"."patient_id" = "t45"."patient_id"
                              ) AS "t74"
                            ) AS "t80"
                            LEFT OUTER JOIN (
                              SELECT
                                "t19"."patient_id",
                                CAST(MIN("t19"."day") AS BIGINT) AS "relapse_recorded_day"
                              FROM (
                                SELECT
                                  *
                                FROM "disease_assessments" AS "t3"
                                WHERE
                                  "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
                              ) AS "t19"
                              GROUP BY
                                1
                            ) AS "t54"
                              ON "t80"."patient_id" = "t54"."patient_id"
                          ) AS "t88"
                        ) AS "t95"
                        LEFT OUTER JOIN (
                          SELECT
                            "t2"."patient_id",
                            MAX("t2"."day") AS "last_lab_day"
                          FROM "labs" AS "t2"
                          GROUP BY
                            1
                        ) AS "t29"
                          ON "t95"."patient_id" = "t29"."patient_id"
                      ) AS "t108"
                    ) AS "t111"
                  ) AS "t135"
                  LEFT OUTER JOIN "t124" AS "t129"
                    ON "t135"."patient_id" = "t129"."patient_id"
                ) AS "t149"
              ) AS "t158"
              LEFT OUTER JOIN (
                SELECT
                  "t209"."patient_id",
                  "t209"."cutoff",
                  COALESCE("t209"."anc_low_near", FALSE) AS "anc_low_near",
                  COALESCE("t209"."platelets_low_near", FALSE) AS "platelets_low_near",
                  COALESCE("t209"."platelets_seen_near", FALSE) AS "platelets_seen_near"
                FROM (
                  SELECT
                    "t208"."patient_id",
                    "t208"."cutoff",
                    "t208"."anc_low_near",
                    "t208"."platelets_low_near",
                    "t208"."platelets_seen_near"
                  FROM (
                    SELECT
                      "t201"."patient_id",
                      "t201"."cutoff",
                      "t201"."anc_low_near",
                      "t182"."patient_id" AS "patient_id_right",
                      "t182"."platelets_low_near",
                      "t182"."platelets_seen_near"
                    FROM (
                      SELECT
                        "t191"."patient_id",
                        "t191"."cutoff",
                        "t191"."anc_low_near"
                      FROM (
                        SELECT
                          "t144"."patient_id",
                          "t144"."cutoff",
                          "t183"."patient_id" AS "patient_id_right",
                          "t183"."anc_low_near"
                        FROM "t133" AS "t144"
                        LEFT OUTER JOIN (
                          SELECT
                            "t170"."patient_id",
                            BOOL_OR("t170"."value" < 0.5) AS "anc_low_near"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t86"."patient_id",
                                "t86"."day",
                                "t86"."value",
                                "t145"."cutoff"
                              FROM (
                                SELECT
                                  *
                                FROM "t75" AS "t77"
                                WHERE
                                  "t77"."value" IS NOT NULL
                              ) AS "t86"
                              INNER JOIN "t133" AS "t145"
                                ON "t86"."patient_id" = "t145"."patient_id"
                            ) AS "t157"
                            WHERE
                              "t157"."day" BETWEEN "t157"."cutoff" - 7 AND "t157"."cutoff"
                          ) AS "t170"
                          GROUP BY
                            1
                        ) AS "t183"
                          ON "t144"."patient_id" = "t183"."patient_id"
                      ) AS "t191"
                    ) AS "t201"
                    LEFT OUTER JOIN (
                      SELECT
                        "t169"."patient_id",
                        BOOL_OR("t169"."low") AS "platelets_low_near",
                        COUNT("t169"."day") > 0 AS "platelets_seen_near"
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            "t73"."patient_id",
                            "t73"."day",
                            "t73"."low",
                            "t145"."cutoff"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t60"."patient_id",
                                CAST("t60"."day" AS BIGINT) AS "day",
                                "t60"."value" < 20.0 AS "low"
                              FROM "t53" AS "t60"
                            ) AS "t69"
                            UNION ALL
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t6"."patient_id",
                                CAST("t6"."day" AS BIGINT) AS "day",
                                TRUE AS "low"
                              FROM "transfusions" AS "t6"
                              WHERE
                                "t6"."product" = 'platelets'
                            ) AS "t23"
                          ) AS "t73"
                          INNER JOIN "t133" AS "t145"
                            ON "t73"."patient_id" = "t145"."patient_id"
                        ) AS "t156"
                        WHERE
                          "t156"."day" BETWEEN "t156"."cutoff" - 7 AND "t156"."cutoff" + 7
                      ) AS "t169"
                      GROUP BY
                        1
                    ) AS "t182"
                      ON "t201"."patient_id" = "t182"."patient_id"
                  ) AS "t208"
                ) AS "t209"
              ) AS "t214"
                ON "t158"."patient_id" = "t214"."patient_id"
            ) AS "t222"
          ) AS "t225"
          LEFT OUTER JOIN (
            SELECT
              "t250"."patient_id",
              "t250"."recovered_day",
              "t250"."neutrophils_recovered",
              "t250"."platelets_known",
              "t250"."decline_day",
              "t250"."decline_kind",
              COALESCE("t250"."explained", FALSE) AS "explained"
            FROM (
              SELECT
                "t249"."patient_id",
                "t249"."recovered_day",
                "t249"."neutrophils_recovered",
                "t249"."platelets_known",
                "t249"."decline_day",
                "t249"."decline_kind",
                "t249"."explained"
              FROM (
                SELECT
                  "t248"."patient_id",
                  "t248"."recovered_day",
                  "t248"."neutrophils_recovered",
                  "t248"."platelets_known",
                  "t248"."decline_day",
                  "t248"."decline_kind",
                  "t242"."patient_id" AS "patient_id_right",
                  "t242"."explained"
                FROM (
                  SELECT
                    "t246"."patient_id",
                    "t246"."recovered_day",
                    "t246"."neutrophils_recovered",
                    "t246"."platelets_known",
                    "t246"."decline_day",
                    "t246"."decline_kind"
                  FROM (
                    SELECT
                      "t221"."patient_id",
                      "t221"."recovered_day",
                      "t221"."neutrophils_recovered",
                      "t221"."platelets_known",
                      "t245"."patient_id" AS "patient_id_right",
                      "t245"."decline_day",
                      "t245"."decline_kind"
                    FROM "t215" AS "t221"
                    LEFT OUTER JOIN (
                      SELECT
                        "t243"."patient_id",
                        "t243"."day" AS "decline_day",
                        "t243"."kind" AS "decline_kind"
                      FROM (
                        SELECT
                          "t241"."patient_id",
                          "t241"."day",
                          "t241"."kind",
                          ROW_NUMBER() OVER (
                            PARTITION BY "t241"."patient_id"
                            ORDER BY "t241"."day" ASC, "t241"."kind" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1 AS "rank"
                        FROM (
                          SELECT
                            "t239"."patient_id",
                            "t239"."day",
                            "t239"."kind"
                          FROM "t238" AS "t239"
                          WHERE
                            NOT (
                              "t239"."explained"
                            )
                        ) AS "t241"
                      ) AS "t243"
                      WHERE
                        "t243"."rank" = 0
                    ) AS "t245"
                      ON "t221"."patient_id" = "t245"."patient_id"
                  ) AS "t246"
                ) AS "t248"
                LEFT OUTER JOIN (
                  SELECT
                    "t239"."patient_id",
                    BOOL_OR("t239"."explained") AS "explained"
                  FROM "t238" AS "t239"
                  GROUP BY
                    1
                ) AS "t242"
                  ON "t248"."patient_id" = "t242"."patient_id"
              ) AS "t249"
            ) AS "t250"
          ) AS "t252"
            ON "t225"."patient_id" = "t252"."patient_id"
        ) AS "t253"
      ) AS "t254"
    ) AS "t256"
      ON "t135"."patient_id" = "t256"."graft_failure_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t212"."patient_id" AS "gvhd_patient_id",
        "t212"."agvhd_max_grade",
        "t212"."cgvhd_max_rank",
        "t212"."agvhd_2_4_event_day",
        "t212"."agvhd_3_4_event_day",
        "t212"."cgvhd_event_day",
        "t212"."grfs_agvhd_day",
        "t212"."grfs_cgvhd_day",
        "t212"."crfs_cgvhd_day"
      FROM (
        SELECT
          "t202"."patient_id",
          MAX("t202"."agvhd_grade") FILTER(WHERE
            "t202"."day" >= 0) AS "agvhd_max_grade",
          MAX("t202"."cgvhd_severity_rank") FILTER(WHERE
            "t202"."day" >= 0) AS "cgvhd_max_rank",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            ) AND (
              "t202"."agvhd_grade" >= 2
            )) AS BIGINT) AS "agvhd_2_4_event_day",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            ) AND (
              "t202"."agvhd_grade" >= 3
            )) AS BIGINT) AS "agvhd_3_4_event_day",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            ) AND (
              "t202"."cgvhd_severity_rank" >= 1
            )) AS BIGINT) AS "cgvhd_event_day",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            ) AND (
              "t202"."agvhd_grade" >= 3
            )) AS BIGINT) AS "grfs_agvhd_day",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            )
            AND (
              (
                "t202"."cgvhd_severity_rank" >= 1
              )
              AND COALESCE("t202"."systemic_therapy", FALSE)
            )) AS BIGINT) AS "grfs_cgvhd_day",
          CAST(MIN("t202"."day") FILTER(WHERE
            (
              "t202"."day" >= 0
            )
            AND (
              (
                "t202"."cgvhd_severity_rank" >= 1
              )
              AND COALESCE("t202"."systemic_therapy", FALSE)
            )) AS BIGINT) AS "crfs_cgvhd_day"
        FROM (
          SELECT
            "t173"."patient_id",
            "t173"."day",
            "t173"."date",
            "t173"."skin_bsa_pct",
            "t173"."skin_bullae",
            "t173"."skin_stage",
            "t173"."bilirubin_mg_dl",
            "t173"."liver_stage",
            "t173"."upper_gi",
            "t173"."stool_ml_day",
            "t173"."stool_episodes_day",
            "t173"."lower_gi_severe",
            "t173"."lower_gi_stage",
            "t173"."cgvhd_skin",
            "t173"."cgvhd_mouth",
            "t173"."cgvhd_eyes",
            "t173"."cgvhd_gi",
            "t173"."cgvhd_liver",
            "t173"."cgvhd_lungs",
            "t173"."cgvhd_joints",
            "t173"."cgvhd_genital",
            "t173"."systemic_therapy",
            "t173"."gvhd_diagnosed",
            "t173"."alternative_cause",
            "t173"."alternative_cause_organ",
            "t173"."agvhd_overall_grade",
            "t173"."cgvhd_global_severity",
            "t173"."cgvhd_diagnostic_sign",
            "t173"."weight_kg",
            "t173"."stool_ml_avg",
            "t173"."stool_episodes_avg",
            "t173"."skin",
            "t173"."liver",
            "t173"."upper",
            "t173"."lower",
            "t173"."agvhd_grade",
            "t173"."agvhd_grade_computed",
            "t173"."cgvhd_rank",
            "t173"."cgvhd_rank_computed",
            "t173"."cgvhd_rank_entered",
            CASE
              WHEN (
                MIN(
                  CASE
                    WHEN COALESCE("t173"."gvhd_diagnosed", TRUE)
                    AND (
                      "t173"."day" >= 0
                    )
                    AND (
                      COALESCE("t173"."cgvhd_diagnostic_sign", FALSE)
                      OR (
                        (
                          "t173"."cgvhd_rank_entered" >= 1
                        )
                        AND COALESCE("t173"."cgvhd_diagnostic_sign", TRUE)
                      )
                    )
                    THEN CAST("t173"."day" AS BIGINT)
                    ELSE CAST(NULL AS BIGINT)
                  END
                ) OVER (
                  PARTITION BY "t173"."patient_id"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
              AND (
                "t173"."day" >= MIN(
                  CASE
                    WHEN COALESCE("t173"."gvhd_diagnosed", TRUE)
                    AND (
                      "t173"."day" >= 0
                    )
                    AND (
                      COALESCE("t173"."cgvhd_diagnostic_sign", FALSE)
                      OR (
                        (
                          "t173"."cgvhd_rank_entered" >= 1
                        )
                        AND COALESCE("t173"."cgvhd_diagnostic_sign", TRUE)
                      )
                    )
                    THEN CAST("t173"."day" AS BIGINT)
                    ELSE CAST(NULL AS BIGINT)
                  END
                ) OVER (
                  PARTITION BY "t173"."patient_id"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                )
              )
              THEN "t173"."cgvhd_rank"
              ELSE 0
            END AS "cgvhd_severity_rank",
            MIN(
              CASE
                WHEN COALESCE("t173"."gvhd_diagnosed", TRUE)
                AND (
                  "t173"."day" >= 0
                )
                AND (
                  COALESCE("t173"."cgvhd_diagnostic_sign", FALSE)
                  OR (
                    (
                      "t173"."cgvhd_rank_entered" >= 1
                    )
                    AND COALESCE("t173"."cgvhd_diagnostic_sign", TRUE)
                  )
                )
                THEN CAST("t173"."day" AS BIGINT)
                ELSE CAST(NULL AS BIGINT)
              END
            ) OVER (
              PARTITION BY "t173"."patient_id"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "cgvhd_diagnosis_day"
          FROM (
            SELECT
              "t115"."patient_id",
              "t115"."day",
              "t115"."date",
              "t115"."skin_bsa_pct",
              "t115"."skin_bullae",
              "t115"."skin_stage",
              "t115"."bilirubin_mg_dl",
              "t115"."liver_stage",
              "t115"."upper_gi",
              "t115"."stool_ml_day",
              "t115"."stool_episodes_day",
              "t115"."lower_gi_severe",
              "t115"."lower_gi_stage",
              "t115"."cgvhd_skin",
              "t115"."cgvhd_mouth",
              "t115"."cgvhd_eyes",
              "t115"."cgvhd_gi",
              "t115"."cgvhd_liver",
              "t115"."cgvhd_lungs",
              "t115"."cgvhd_joints",
              "t115"."cgvhd_genital",
              "t115"."systemic_therapy",
              "t115"."gvhd_diagnosed",
              "t115"."alternative_cause",
              "t115"."alternative_cause_organ",
              "t115"."agvhd_overall_grade",
              "t115"."cgvhd_global_severity",
              "t115"."cgvhd_diagnostic_sign",
              "t115"."weight_kg",
              "t115"."stool_ml_avg",
              "t115"."stool_episodes_avg",
              "t115"."skin",
              "t115"."liver",
              "t115"."upper",
              "t115"."lower",
              CASE
                WHEN NOT (
                  COALESCE("t115"."gvhd_diagnosed", TRUE)
                )
                THEN 0
                WHEN FALSE AND (
                  CAST("t115"."agvhd_overall_grade" AS BIGINT) IS NOT NULL
                )
                THEN CAST("t115"."agvhd_overall_grade" AS BIGINT)
                WHEN (
                  "t115"."skin_bsa_pct" IS NOT NULL
                )
                OR (
                  "t115"."skin_bullae" IS NOT NULL
                )
                OR (
                  "t115"."skin_stage" IS NOT NULL
                )
                OR (
                  "t115"."bilirubin_mg_dl" IS NOT NULL
                )
                OR (
                  "t115"."liver_stage" IS NOT NULL
                )
                OR (
                  "t115"."upper_gi" IS NOT NULL
                )
                OR (
                  "t115"."stool_ml_day" IS NOT NULL
                )
                OR (
                  "t115"."stool_episodes_day" IS NOT NULL
                )
                OR (
                  "t115"."lower_gi_severe" IS NOT NULL
                )
                OR (
                  "t115"."lower_gi_stage" IS NOT NULL
                )
                THEN CASE
                  WHEN (
                    COALESCE("t115"."skin", 0) = 4
                  )
                  OR (
                    COALESCE("t115"."liver", 0) = 4
                  )
                  OR (
                    COALESCE("t115"."lower", 0) = 4
                  )
                  THEN 4
                  WHEN COALESCE("t115"."liver", 0) IN (2, 3) OR (
                    COALESCE("t115"."lower", 0) >= 2
                  )
                  THEN 3
                  WHEN (
                    COALESCE("t115"."skin", 0) = 3
                  )
                  OR (
                    COALESCE("t115"."liver", 0) = 1
                  )
                  OR (
                    COALESCE("t115"."upper", 0) = 1
                  )
                  OR (
                    COALESCE("t115"."lower", 0) = 1
                  )
                  THEN 2
                  WHEN COALESCE("t115"."skin", 0) IN (1, 2)
                  THEN 1
                  ELSE 0
                END
                ELSE COALESCE(CAST("t115"."agvhd_overall_grade" AS BIGINT), 0)
              END AS "agvhd_grade",
              CAST(CASE
                WHEN (
                  COALESCE("t115"."skin", 0) = 4
                )
                OR (
                  COALESCE("t115"."liver", 0) = 4
                )
                OR (
                  COALESCE("t115"."lower", 0) = 4
                )
                THEN 4
                WHEN COALESCE("t115"."liver", 0) IN (2, 3) OR (
                  COALESCE("t115"."lower", 0) >= 2
                )
                THEN 3
                WHEN (
                  COALESCE("t115"."skin", 0) = 3
                )
                OR (
                  COALESCE("t115"."liver", 0) = 1
                )
                OR (
                  COALESCE("t115"."upper", 0) = 1
                )
                OR (
                  COALESCE("t115"."lower", 0) = 1
                )
                THEN 2
                WHEN COALESCE("t115"."skin", 0) IN (1, 2)
                THEN 1
                ELSE 0
              END AS BIGINT) AS "agvhd_grade_computed",
              CASE
                WHEN NOT (
                  COALESCE("t115"."gvhd_diagnosed", TRUE)
                )
                THEN 0
                WHEN FALSE
                AND (
                  CASE
                    WHEN "t115"."cgvhd_global_severity" = 'none'
                    THEN 0
                    WHEN "t115"."cgvhd_global_severity" = 'mild'
                    THEN 1
                    WHEN "t115"."cgvhd_global_severity" = 'moderate'
                    THEN 2
                    WHEN "t115"."cgvhd_global_severity" = 'severe'
                    THEN 3
                    ELSE CAST(NULL AS BIGINT)
                  END IS NOT NULL
                )
                THEN CASE
                  WHEN "t115"."cgvhd_global_severity" = 'none'
                  THEN 0
                  WHEN "t115"."cgvhd_global_severity" = 'mild'
                  THEN 1
                  WHEN "t115"."cgvhd_global_severity" = 'moderate'
                  THEN 2
                  WHEN "t115"."cgvhd_global_severity" = 'severe'
                  THEN 3
                  ELSE CAST(NULL AS BIGINT)
                END
                WHEN (
                  "t115"."cgvhd_skin" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_mouth" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_eyes" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_gi" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_liver" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_lungs" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_joints" IS NOT NULL
                )
                OR (
                  "t115"."cgvhd_genital" IS NOT NULL
                )
                THEN CASE
                  WHEN (
                    COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 2
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0)
                    ) >= 3
                  )
                  THEN 3
                  WHEN (
                    COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) = 1
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0),
                      COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0)
                    ) = 2
                  )
                  OR (
                    (
                      CASE WHEN COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                    ) >= 3
                  )
                  THEN 2
                  WHEN (
                    CASE WHEN COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                  ) >= 1
                  THEN 1
                  ELSE 0
                END
                ELSE COALESCE(
                  CASE
                    WHEN "t115"."cgvhd_global_severity" = 'none'
                    THEN 0
                    WHEN "t115"."cgvhd_global_severity" = 'mild'
                    THEN 1
                    WHEN "t115"."cgvhd_global_severity" = 'moderate'
                    THEN 2
                    WHEN "t115"."cgvhd_global_severity" = 'severe'
                    THEN 3
                    ELSE CAST(NULL AS BIGINT)
                  END,
                  0
                )
              END AS "cgvhd_rank",
              CAST(CASE
                WHEN (
                  COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 2
                )
                OR (
                  GREATEST(
                    COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0)
                  ) >= 3
                )
                THEN 3
                WHEN (
                  COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) = 1
                )
                OR (
                  GREATEST(
                    COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0),
                    COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0)
                  ) = 2
                )
                OR (
                  (
                    CASE WHEN COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                  ) >= 3
                )
                THEN 2
                WHEN (
                  CASE WHEN COALESCE(CAST("t115"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t115"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t115"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                ) >= 1
                THEN 1
                ELSE 0
              END AS BIGINT) AS "cgvhd_rank_computed",
              CASE
                WHEN "t115"."cgvhd_global_severity" = 'none'
                THEN 0
                WHEN "t115"."cgvhd_global_severity" = 'mild'
                THEN 1
                WHEN "t115"."cgvhd_global_severity" = 'moderate'
                THEN 2
                WHEN "t115"."cgvhd_global_severity" = 'severe'
                THEN 3
                ELSE CAST(NULL AS BIGINT)
              END AS "cgvhd_rank_entered"
            FROM (
              SELECT
                "t85"."patient_id",
                "t85"."day",
                "t85"."date",
                "t85"."skin_bsa_pct",
                "t85"."skin_bullae",
                "t85"."skin_stage",
                "t85"."bilirubin_mg_dl",
                "t85"."liver_stage",
                "t85"."upper_gi",
                "t85"."stool_ml_day",
                "t85"."stool_episodes_day",
                "t85"."lower_gi_severe",
                "t85"."lower_gi_stage",
                "t85"."cgvhd_skin",
                "t85"."cgvhd_mouth",
                "t85"."cgvhd_eyes",
                "t85"."cgvhd_gi",
                "t85"."cgvhd_liver",
                "t85"."cgvhd_lungs",
                "t85"."cgvhd_joints",
                "t85"."cgvhd_genital",
                "t85"."systemic_therapy",
                "t85"."gvhd_diagnosed",
                "t85"."alternative_cause",
                "t85"."alternative_cause_organ",
                "t85"."agvhd_overall_grade",
                "t85"."cgvhd_global_severity",
                "t85"."cgvhd_diagnostic_sign",
                "t85"."weight_kg",
                "t85"."stool_ml_avg",
                "t85"."stool_episodes_avg",
                CASE
                  WHEN COALESCE("t85"."gvhd_diagnosed", TRUE)
                  AND NOT (
                    (
                      "t85"."alternative_cause" IS NOT NULL
                    )
                    AND (
                      (
                        "t85"."alternative_cause_organ" IS NULL
                      )
                      OR "t85"."alternative_cause_organ" IN ('skin', 'all')
                    )
                  )
                  THEN CASE
                    WHEN COALESCE("t85"."skin_bullae", FALSE)
                    THEN 4
                    WHEN "t85"."skin_bsa_pct" IS NOT NULL
                    THEN CASE
                      WHEN "t85"."skin_bsa_pct" <= 0.0
                      THEN 0
                      WHEN "t85"."skin_bsa_pct" < 25.0
                      THEN 1
                      WHEN "t85"."skin_bsa_pct" <= 50.0
                      THEN 2
                      ELSE 3
                    END
                    ELSE CAST("t85"."skin_stage" AS BIGINT)
                  END
                  ELSE CASE
                    WHEN CASE
                      WHEN COALESCE("t85"."skin_bullae", FALSE)
                      THEN 4
                      WHEN "t85"."skin_bsa_pct" IS NOT NULL
                      THEN CASE
                        WHEN "t85"."skin_bsa_pct" <= 0.0
                        THEN 0
                        WHEN "t85"."skin_bsa_pct" < 25.0
                        THEN 1
                        WHEN "t85"."skin_bsa_pct" <= 50.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST("t85"."skin_stage" AS BIGINT)
                    END IS NOT NULL
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END
                END AS "skin",
                CASE
                  WHEN COALESCE("t85"."gvhd_diagnosed", TRUE)
                  AND NOT (
                    (
                      "t85"."alternative_cause" IS NOT NULL
                    )
                    AND (
                      (
                        "t85"."alternative_cause_organ" IS NULL
                      )
                      OR "t85"."alternative_cause_organ" IN ('liver', 'all')
                    )
                  )
                  THEN CASE
                    WHEN "t85"."bilirubin_mg_dl" IS NOT NULL
                    THEN CASE
                      WHEN "t85"."bilirubin_mg_dl" < 2.0
                      THEN 0
                      WHEN "t85"."bilirubin_mg_dl" <= 3.0
                      THEN 1
                      WHEN "t85"."bilirubin_mg_dl" <= 6.0
                      THEN 2
                      WHEN "t85"."bilirubin_mg_dl" <= 15.0
                      THEN 3
                      ELSE 4
                    END
                    ELSE CAST("t85"."liver_stage" AS BIGINT)
                  END
                  ELSE CASE
                    WHEN CASE
                      WHEN "t85"."bilirubin_mg_dl" IS NOT NULL
                      THEN CASE
                        WHEN "t85"."bilirubin_mg_dl" < 2.0
                        THEN 0
                        WHEN "t85"."bilirubin_mg_dl" <= 3.0
                        THEN 1
                        WHEN "t85"."bilirubin_mg_dl" <= 6.0
                        THEN 2
                        WHEN "t85"."bilirubin_mg_dl" <= 15.0
                        THEN 3
                        ELSE 4
                      END
                      ELSE CAST("t85"."liver_stage" AS BIGINT)
                    END IS NOT NULL
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END
                END AS "liver",
                CASE
                  WHEN COALESCE("t85"."gvhd_diagnosed", TRUE)
                  AND NOT (
                    (
                      "t85"."alternative_cause" IS NOT NULL
                    )
                    AND (
                      (
                        "t85"."alternative_cause_organ" IS NULL
                      )
                      OR "t85"."alternative_cause_organ" IN ('upper_gi', 'all', 'gi')
                    )
                  )
                  THEN CASE
                    WHEN "t85"."upper_gi"
                    THEN 1
                    WHEN NOT (
                      "t85"."upper_gi"
                    )
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END
                  ELSE CASE
                    WHEN CASE
                      WHEN "t85"."upper_gi"
                      THEN 1
                      WHEN NOT (
                        "t85"."upper_gi"
                      )
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END IS NOT NULL
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END
                END AS "upper",
                CASE
                  WHEN COALESCE("t85"."gvhd_diagnosed", TRUE)
                  AND NOT (
                    (
                      "t85"."alternative_cause" IS NOT NULL
                    )
                    AND (
                      (
                        "t85"."alternative_cause_organ" IS NULL
                      )
                      OR "t85"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                    )
                  )
                  THEN CASE
                    WHEN COALESCE("t85"."lower_gi_severe", FALSE)
                    THEN 4
                    WHEN (
                      "t85"."stool_ml_avg" IS NOT NULL
                    )
                    AND COALESCE("t85"."weight_kg" < 50.0, FALSE)
                    THEN CASE
                      WHEN (
                        CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                      ) < 10.0
                      THEN 0
                      WHEN (
                        CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                      ) < 20.0
                      THEN 1
                      WHEN (
                        CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                      ) <= 30.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN "t85"."stool_ml_avg" IS NOT NULL
                    THEN CASE
                      WHEN "t85"."stool_ml_avg" < 500.0
                      THEN 0
                      WHEN "t85"."stool_ml_avg" < 1000.0
                      THEN 1
                      WHEN "t85"."stool_ml_avg" <= 1500.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN (
                      "t85"."stool_episodes_avg" IS NOT NULL
                    )
                    AND COALESCE("t85"."weight_kg" < 50.0, FALSE)
                    THEN CASE
                      WHEN (
                        "t85"."stool_episodes_avg" * 3.0
                      ) < 10.0
                      THEN 0
                      WHEN (
                        "t85"."stool_episodes_avg" * 3.0
                      ) < 20.0
                      THEN 1
                      WHEN (
                        "t85"."stool_episodes_avg" * 3.0
                      ) <= 30.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN "t85"."stool_episodes_avg" IS NOT NULL
                    THEN CASE
                      WHEN (
                        "t85"."stool_episodes_avg" * 200.0
                      ) < 500.0
                      THEN 0
                      WHEN (
                        "t85"."stool_episodes_avg" * 200.0
                      ) < 1000.0
                      THEN 1
                      WHEN (
                        "t85"."stool_episodes_avg" * 200.0
                      ) <= 1500.0
                      THEN 2
                      ELSE 3
                    END
                    ELSE CAST("t85"."lower_gi_stage" AS BIGINT)
                  END
                  ELSE CASE
                    WHEN CASE
                      WHEN COALESCE("t85"."lower_gi_severe", FALSE)
                      THEN 4
                      WHEN (
                        "t85"."stool_ml_avg" IS NOT NULL
                      )
                      AND COALESCE("t85"."weight_kg" < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                        ) < 10.0
                        THEN 0
                        WHEN (
                          CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                        ) < 20.0
                        THEN 1
                        WHEN (
                          CAST("t85"."stool_ml_avg" AS DOUBLE PRECISION) / "t85"."weight_kg"
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN "t85"."stool_ml_avg" IS NOT NULL
                      THEN CASE
                        WHEN "t85"."stool_ml_avg" < 500.0
                        THEN 0
                        WHEN "t85"."stool_ml_avg" < 1000.0
                        THEN 1
                        WHEN "t85"."stool_ml_avg" <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN (
                        "t85"."stool_episodes_avg" IS NOT NULL
                      )
                      AND COALESCE("t85"."weight_kg" < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          "t85"."stool_episodes_avg" * 3.0
                        ) < 10.0
                        THEN 0
                        WHEN (
                          "t85"."stool_episodes_avg" * 3.0
                        ) < 20.0
                        THEN 1
                        WHEN (
                          "t85"."stool_episodes_avg" * 3.0
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN "t85"."stool_episodes_avg" IS NOT NULL
                      THEN CASE
                        WHEN (
                          "t85"."stool_episodes_avg" * 200.0
                        ) < 500.0
                        THEN 0
                        WHEN (
                          "t85"."stool_episodes_avg" * 200.0
                        ) < 1000.0
                        THEN 1
                        WHEN (
                          "t85"."stool_episodes_avg" * 200.0
                        ) <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST("t85"."lower_gi_stage" AS BIGINT)
                    END IS NOT NULL
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END
                END AS "lower"
              FROM (
                SELECT
                  "t56"."patient_id",
                  "t56"."day",
                  "t56"."date",
                  "t56"."skin_bsa_pct",
                  "t56"."skin_bullae",
                  "t56"."skin_stage",
                  "t56"."bilirubin_mg_dl",
                  "t56"."liver_stage",
                  "t56"."upper_gi",
                  "t56"."stool_ml_day",
                  "t56"."stool_episodes_day",
                  "t56"."lower_gi_severe",
                  "t56"."lower_gi_stage",
                  "t56"."cgvhd_skin",
                  "t56"."cgvhd_mouth",
                  "t56"."cgvhd_eyes",
                  "t56"."cgvhd_gi",
                  "t56"."cgvhd_liver",
                  "t56"."cgvhd_lungs",
                  "t56"."cgvhd_joints",
                  "t56"."cgvhd_genital",
                  "t56"."systemic_therapy",
                  "t56"."gvhd_diagnosed",
                  "t56"."alternative_cause",
                  "t56"."alternative_cause_organ",
                  "t56"."agvhd_overall_grade",
                  "t56"."cgvhd_global_severity",
                  "t56"."cgvhd_diagnostic_sign",
                  "t56"."weight_kg",
                  CASE
                    WHEN CASE
                      WHEN COALESCE("t56"."gvhd_diagnosed", TRUE)
                      AND NOT (
                        (
                          "t56"."alternative_cause" IS NOT NULL
                        )
                        AND (
                          (
                            "t56"."alternative_cause_organ" IS NULL
                          )
                          OR "t56"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                        )
                      )
                      THEN "t56"."stool_ml_day"
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END IS NOT NULL
                    THEN AVG(
                      CASE
                        WHEN COALESCE("t56"."gvhd_diagnosed", TRUE)
                        AND NOT (
                          (
                            "t56"."alternative_cause" IS NOT NULL
                          )
                          AND (
                            (
                              "t56"."alternative_cause_organ" IS NULL
                            )
                            OR "t56"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                          )
                        )
                        THEN "t56"."stool_ml_day"
                        ELSE CAST(NULL AS DOUBLE PRECISION)
                      END
                    ) OVER (
                      PARTITION BY "t56"."patient_id"
                      ORDER BY "t56"."day" ASC
                      RANGE BETWEEN 2 preceding AND CURRENT ROW
                    )
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END AS "stool_ml_avg",
                  CASE
                    WHEN CASE
                      WHEN COALESCE("t56"."gvhd_diagnosed", TRUE)
                      AND NOT (
                        (
                          "t56"."alternative_cause" IS NOT NULL
                        )
                        AND (
                          (
                            "t56"."alternative_cause_organ" IS NULL
                          )
                          OR "t56"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                        )
                      )
                      THEN "t56"."stool_episodes_day"
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END IS NOT NULL
                    THEN AVG(
                      CASE
                        WHEN COALESCE("t56"."gvhd_diagnosed", TRUE)
                        AND NOT (
                          (
                            "t56"."alternative_cause" IS NOT NULL
                          )
                          AND (
                            (
                              "t56"."alternative_cause_organ" IS NULL
                            )
                            OR "t56"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                          )
                        )
                        THEN "t56"."stool_episodes_day"
                        ELSE CAST(NULL AS DOUBLE PRECISION)
                      END
                    ) OVER (
                      PARTITION BY "t56"."patient_id"
                      ORDER BY "t56"."day" ASC
                      RANGE BETWEEN 2 preceding AND CURRENT ROW
                    )
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END AS "stool_episodes_avg"
                FROM (
                  SELECT
                    "t47"."patient_id",
                    "t47"."day",
                    "t47"."date",
                    "t47"."skin_bsa_pct",
                    "t47"."skin_bullae",
                    "t47"."skin_stage",
                    "t47"."bilirubin_mg_dl",
                    "t47"."liver_stage",
                    "t47"."upper_gi",
                    "t47"."stool_ml_day",
                    "t47"."stool_episodes_day",
                    "t47"."lower_gi_severe",
                    "t47"."lower_gi_stage",
                    "t47"."cgvhd_skin",
                    "t47"."cgvhd_mouth",
                    "t47"."cgvhd_eyes",
                    "t47"."cgvhd_gi",
                    "t47"."cgvhd_liver",
                    "t47"."cgvhd_lungs",
                    "t47"."cgvhd_joints",
                    "t47"."cgvhd_genital",
                    "t47"."systemic_therapy",
                    "t47"."gvhd_diagnosed",
                    "t47"."alternative_cause",
                    "t47"."alternative_cause_organ",
                    "t47"."agvhd_overall_grade",
                    "t47"."cgvhd_global_severity",
                    "t47"."cgvhd_diagnostic_sign",
                    "t47"."weight_kg"
                  FROM (
                    SELECT
                      "t10"."patient_id",
                      "t10"."day",
                      "t10"."date",
                      "t10"."skin_bsa_pct",
                      "t10"."skin_bullae",
                      "t10"."skin_stage",
                      "t10"."bilirubin_mg_dl",
                      "t10"."liver_stage",
                      "t10"."upper_gi",
                      "t10"."stool_ml_day",
                      "t10"."stool_episodes_day",
                      "t10"."lower_gi_severe",
                      "t10"."lower_gi_stage",
                      "t10"."cgvhd_skin",
                      "t10"."cgvhd_mouth",
                      "t10"."cgvhd_eyes",
                      "t10"."cgvhd_gi",
                      "t10"."cgvhd_liver",
                      "t10"."cgvhd_lungs",
                      "t10"."cgvhd_joints",
                      "t10"."cgvhd_genital",
                      "t10"."systemic_therapy",
                      "t10"."gvhd_diagnosed",
                      "t10"."alternative_cause",
                      "t10"."alternative_cause_organ",
                      "t10"."agvhd_overall_grade",
                      "t10"."cgvhd_global_severity",
                      "t10"."cgvhd_diagnostic_sign",
                      "t24"."patient_id" AS "patient_id_right",
                      "t24"."weight_kg"
                    FROM "gvhd_assessments" AS "t10"
                    LEFT OUTER JOIN (
                      SELECT
                        "t7"."patient_id",
                        "t7"."weight_kg"
                      FROM "patients" AS "t7"
                    ) AS "t24"
                      ON "t10"."patient_id" = "t24"."patient_id"
                  ) AS "t47"
                ) AS "t56"
              ) AS "t85"
            ) AS "t115"
          ) AS "t173"
        ) AS "t202"
        GROUP BY
          1
      ) AS "t212"
    ) AS "t219"
      ON "t135"."patient_id" = "t219"."gvhd_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t213"."patient_id" AS "chimerism_patient_id",
        "t213"."allo_category",
        "t213"."allo_day",
        "t213"."allo_lineage",
        "t213"."allo_method",
        "t213"."mst_category",
        "t213"."mst_day",
        "t213"."mst_lineage",
        "t213"."mst_method",
        "t213"."microchimerism_first_day",
        "t213"."microchimerism_last_day",
        "t213"."graft_rejection_day",
        "t213"."graft_rejection_assay"
      FROM (
        SELECT
          "t210"."patient_id",
          "t210"."allo_category",
          "t210"."allo_day",
          "t210"."allo_lineage",
          "t210"."allo_method",
          "t210"."mst_category",
          "t210"."mst_day",
          "t210"."mst_lineage",
          "t210"."mst_method",
          "t210"."microchimerism_first_day",
          "t210"."microchimerism_last_day",
          "t210"."graft_rejection_day",
          "t210"."graft_rejection_assay"
        FROM (
          SELECT
            "t207"."patient_id",
            "t207"."allo_category",
            "t207"."allo_day",
            "t207"."allo_lineage",
            "t207"."allo_method",
            "t207"."mst_category",
            "t207"."mst_day",
            "t207"."mst_lineage",
            "t207"."mst_method",
            "t207"."microchimerism_first_day",
            "t207"."microchimerism_last_day",
            "t187"."patient_id" AS "patient_id_right",
            "t187"."graft_rejection_day",
            "t187"."graft_rejection_assay"
          FROM (
            SELECT
              "t203"."patient_id",
              "t203"."allo_category",
              "t203"."allo_day",
              "t203"."allo_lineage",
              "t203"."allo_method",
              "t203"."mst_category",
              "t203"."mst_day",
              "t203"."mst_lineage",
              "t203"."mst_method",
              "t203"."microchimerism_first_day",
              "t203"."microchimerism_last_day"
            FROM (
              SELECT
                "t196"."patient_id",
                "t196"."allo_category",
                "t196"."allo_day",
                "t196"."allo_lineage",
                "t196"."allo_method",
                "t100"."patient_id" AS "patient_id_right",
                "t100"."mst_category",
                "t100"."mst_day",
                "t100"."mst_lineage",
                "t100"."mst_method",
                "t100"."microchimerism_first_day",
                "t100"."microchimerism_last_day"
              FROM (
                SELECT
                  "t188"."patient_id",
                  "t188"."allo_category",
                  "t188"."allo_day",
                  "t188"."allo_lineage",
                  "t188"."allo_method"
                FROM (
                  SELECT
                    "t34"."patient_id",
                    "t176"."patient_id" AS "patient_id_right",
                    "t176"."allo_category",
                    "t176"."allo_day",
                    "t176"."allo_lineage",
                    "t176"."allo_method"
                  FROM (
                    SELECT DISTINCT
                      "t8"."patient_id"
                    FROM "chimerism" AS "t8"
                    WHERE
                      "t8"."day" > 0
                  ) AS "t34"
                  LEFT OUTER JOIN (
                    SELECT
                      "t168"."patient_id",
                      "t168"."category" AS "allo_category",
                      "t168"."day" AS "allo_day",
                      "t168"."lineage" AS "allo_lineage",
                      "t168"."method" AS "allo_method"
                    FROM (
                      SELECT
                        "t150"."patient_id",
                        "t150"."day",
                        "t150"."category",
                        "t150"."lineage",
                        "t150"."method",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t150"."patient_id"
                          ORDER BY "t150"."day" DESC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "rank"
                      FROM "t147" AS "t150"
                    ) AS "t168"
                    WHERE
                      "t168"."rank" = 0
                  ) AS "t176"
                    ON "t34"."patient_id" = "t176"."patient_id"
                ) AS "t188"
              ) AS "t196"
              LEFT OUTER JOIN (
                SELECT
                  "t78"."patient_id",
                  CASE
                    WHEN COALESCE("t78"."last_detected", FALSE) AND (
                      "t78"."last_level" >= 1.0
                    )
                    THEN 'macrochimerism'
                    WHEN (
                      "t78"."first_micro" IS NOT NULL
                    )
                    AND (
                      (
                        "t78"."last_micro" - "t78"."first_micro"
                      ) >= 28
                    )
                    THEN 'microchimerism_persistent'
                    WHEN "t78"."first_micro" IS NOT NULL
                    THEN 'microchimerism'
                    ELSE 'not_detected'
                  END AS "mst_category",
                  "t78"."last_day" AS "mst_day",
                  "t78"."lineage" AS "mst_lineage",
                  "t78"."method" AS "mst_method",
                  "t78"."first_micro" AS "microchimerism_first_day",
                  "t78"."last_micro" AS "microchimerism_last_day"
                FROM (
                  SELECT
                    "t70"."patient_id",
                    MIN("t70"."day") FILTER(WHERE
                      "t70"."micro") AS "first_micro",
                    MAX("t70"."day") FILTER(WHERE
                      "t70"."micro") AS "last_micro",
                    MAX("t70"."day") AS "last_day",
                    MAX("t70"."level") FILTER(WHERE
                      "t70"."last_rank" = 0) AS "last_level",
                    BOOL_OR("t70"."detected") FILTER(WHERE
                      "t70"."last_rank" = 0) AS "last_detected",
                    MAX("t70"."lineage") FILTER(WHERE
                      "t70"."last_rank" = 0) AS "lineage",
                    MAX("t70"."method") FILTER(WHERE
                      "t70"."last_rank" = 0) AS "method"
                  FROM (
                    SELECT
                      "t48"."patient_id",
                      "t48"."day",
                      "t48"."lineage",
                      "t48"."method",
                      "t48"."detected",
                      "t48"."level",
                      "t48"."lineage_group",
                      "t48"."detected" AND (
                        "t48"."level" < 1.0
                      ) AS "micro",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t48"."patient_id"
                        ORDER BY "t48"."day" DESC NULLS LAST, "t48"."level" DESC NULLS LAST, "t48"."lineage" ASC, "t48"."method" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "last_rank"
                    FROM "t42" AS "t48"
                  ) AS "t70"
                  GROUP BY
                    1
                ) AS "t78"
              ) AS "t100"
                ON "t196"."patient_id" = "t100"."patient_id"
            ) AS "t203"
          ) AS "t207"
          LEFT OUTER JOIN (
            SELECT
              "t175"."patient_id",
              "t175"."day" AS "graft_rejection_day",
              "t175"."method" AS "graft_rejection_assay"
            FROM (
              SELECT
                "t162"."patient_id",
                "t162"."day",
                "t162"."category",
                "t162"."lineage",
                "t162"."method",
                ROW_NUMBER() OVER (
                  PARTITION BY "t162"."patient_id"
                  ORDER BY "t162"."day" ASC, "t162"."method" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) - 1 AS "rank"
              FROM (
                SELECT
                  *
                FROM "t147" AS "t150"
                WHERE
                  "t150"."category" = 'donor_loss'
              ) AS "t162"
            ) AS "t175"
            WHERE
              "t175"."rank" = 0
          ) AS "t187"
            ON "t207"."patient_id" = "t187"."patient_id"
        ) AS "t210"
      ) AS "t213"
    ) AS "t220"
      ON "t135"."patient_id" = "t220"."chimerism_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t179"."patient_id" AS "best_response_patient_id",
        CASE
          WHEN "t179"."best_rank" = 0
          THEN 'cr'
          WHEN "t179"."best_rank" = 1
          THEN 'crh'
          WHEN "t179"."best_rank" = 2
          THEN 'cri'
          WHEN "t179"."best_rank" = 3
          THEN 'mlfs'
          WHEN "t179"."best_rank" = 4
          THEN 'pr'
          WHEN "t179"."best_rank" = 5
          THEN 'sd'
          WHEN "t179"."best_rank" = 6
          THEN 'nr'
          ELSE 'not_assessed'
        END AS "best_response"
      FROM (
        SELECT
          "t165"."patient_id",
          MIN(
            CASE
              WHEN "t165"."status" = 'cr'
              THEN 0
              WHEN "t165"."status" = 'crh'
              THEN 1
              WHEN "t165"."status" = 'cri'
              THEN 2
              WHEN "t165"."status" = 'mlfs'
              THEN 3
              WHEN "t165"."status" = 'pr'
              THEN 4
              WHEN "t165"."status" = 'sd'
              THEN 5
              WHEN "t165"."status" = 'nr'
              THEN 6
              ELSE 7
            END
          ) AS "best_rank"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t148"."patient_id",
              "t148"."day",
              "t148"."date",
              "t148"."status",
              "t148"."method",
              "t148"."relapse_day",
              "t148"."origin_day"
            FROM (
              SELECT
                "t30"."patient_id",
                "t30"."day",
                "t30"."date",
                "t30"."status",
                "t30"."method",
                "t134"."patient_id" AS "patient_id_right",
                "t134"."relapse_day",
                "t134"."origin_day"
              FROM (
                SELECT
                  *
                FROM "disease_assessments" AS "t3"
                WHERE
                  "t3"."status" IN ('cr', 'crh', 'cri', 'mlfs', 'pr', 'sd', 'nr')
              ) AS "t30"
              LEFT OUTER JOIN (
                SELECT
                  "t111"."patient_id",
                  CASE
                    WHEN (
                      "t111"."death_day" IS NOT NULL
                    )
                    AND "t111"."death_cause" IN ('relapse', 'progression')
                    AND (
                      (
                        "t111"."relapse_recorded_day" IS NULL
                      )
                      OR (
                        "t111"."relapse_recorded_day" > "t111"."death_day"
                      )
                    )
                    THEN "t111"."death_day"
                    ELSE "t111"."relapse_recorded_day"
                  END AS "relapse_day",
                  0 AS "origin_day"
                FROM (
                  SELECT
                    "t108"."patient_id",
                    "t108"."arm",
                    "t108"."modality",
                    "t108"."graft_source",
                    "t108"."second_infusion_day",
                    "t108"."treatment_start_day",
                    "t108"."weight_kg",
                    "t108"."randomisation_day",
                    "t108"."death_day",
                    "t108"."death_cause",
                    "t108"."censor_day",
                    "t108"."relapse_recorded_day",
                    "t108"."last_lab_day"
                  FROM (
                    SELECT
                      "t95"."patient_id",
                      "t95"."arm",
                      "t95"."modality",
                      "t95"."graft_source",
                      "t95"."second_infusion_day",
                      "t95"."treatment_start_day",
                      "t95"."weight_kg",
                      "t95"."randomisation_day",
                      "t95"."death_day",
                      "t95"."death_cause",
                      "t95"."censor_day",
                      "t95"."relapse_recorded_day",
                      "t29"."patient_id" AS "patient_id_right",
                      "t29"."last_lab_day"
                    FROM (
                      SELECT
                        "t88"."patient_id",
                        "t88"."arm",
                        "t88"."modality",
                        "t88"."graft_source",
                        "t88"."second_infusion_day",
                        "t88"."treatment_start_day",
                        "t88"."weight_kg",
                        "t88"."randomisation_day",
                        "t88"."death_day",
                        "t88"."death_cause",
                        "t88"."censor_day",
                        "t88"."relapse_recorded_day"
                      FROM (
                        SELECT
                          "t80"."patient_id",
                          "t80"."arm",
                          "t80"."modality",
                          "t80"."graft_source",
                          "t80"."second_infusion_day",
                          "t80"."treatment_start_day",
                          "t80"."weight_kg",
                          "t80"."randomisation_day",
                          "t80"."death_day",
                          "t80"."death_cause",
                          "t80"."censor_day",
                          "t54"."patient_id" AS "patient_id_right",
                          "t54"."relapse_recorded_day"
                        FROM (
                          SELECT
                            "t74"."patient_id",
                            "t74"."arm",
                            "t74"."modality",
                            "t74"."graft_source",
                            "t74"."second_infusion_day",
                            "t74"."treatment_start_day",
                            "t74"."weight_kg",
                            "t74"."randomisation_day",
                            "t74"."death_day",
                            "t74"."death_cause",
                            "t74"."censor_day"
                          FROM (
                            SELECT
                              "t63"."patient_id",
                              "t63"."arm",
                              "t63"."modality",
                              "t63"."graft_source",
                              "t63"."second_infusion_day",
                              "t63"."treatment_start_day",
                              "t63"."weight_kg",
                              "t63"."randomisation_day",
                              "t45"."patient_id" AS "patient_id_right",
                              "t45"."death_day",
                              "t45"."death_cause",
                              "t45"."censor_day"
                            FROM (
                              SELECT
                                "t58"."patient_id",
                                "t58"."arm",
                                "t58"."modality",
                                "t58"."graft_source",
                                "t58"."second_infusion_day",
                                "t58"."treatment_start_day",
                                "t58"."weight_kg",
                                "t58"."randomisation_day"
                              FROM (
                                SELECT
                                  "t36"."patient_id",
                                  "t36"."arm",
                                  "t36"."modality",
                                  "t36"."graft_source",
                                  "t36"."second_infusion_day",
                                  "t36"."treatment_start_day",
                                  "t33"."patient_id" AS "patient_id_right",
                                  "t33"."weight_kg",
                                  "t33"."randomisation_day"
                                FROM (
                                  SELECT
                                    "t9"."patient_id",
                                    COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                    "t9"."modality",
                                    "t9"."graft_source",
                                    CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                    CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                                  FROM "treatments" AS "t9"
                                ) AS "t36"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t7"."patient_id",
                                    "t7"."weight_kg",
                                    CAST("t7"."randomisation_day" AS BIGINT) AS "randomisation_day"
                                  FROM "patients" AS "t7"
                                ) AS "t33"
                                  ON "t36"."patient_id" = "t33"."patient_id"
                              ) AS "t58"
                            ) AS "t63"
                            LEFT OUTER JOIN (
                              SELECT
                                "t5"."patient_id",
                                CASE
                                  WHEN "t5"."vital_status" = 'dead'
                                  THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END AS "death_day",
                                CASE
                                  WHEN "t5"."vital_status" = 'dead'
                                  THEN "t5"."cause"
                                  ELSE CAST(NULL AS VARCHAR)
                                END AS "death_cause",
                                GREATEST(
                                  "t5"."last_contact_day",
                                  COALESCE(
                                    CASE
                                      WHEN "t5"."vital_status" = 'dead'
                                      THEN COALESCE("t5"."death_day", "t5"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END,
                                    "t5"."last_contact_day"
                                  )
                                ) AS "censor_day"
                              FROM "followup" AS "t5"
                            ) AS "t45"
                              ON "t63"."patient_id" = "t45"."patient_id"
                          ) AS "t74"
                        ) AS "t80"
                        LEFT OUTER JOIN (
                          SELECT
                            "t19"."patient_id",
                            CAST(MIN("t19"."day") AS BIGINT) AS "relapse_recorded_day"
                          FROM (
                            SELECT
                              *
                            FROM "disease_assessments" AS "t3"
                            WHERE
                              "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
                          ) AS "t19"
                          GROUP BY
                            1
                        ) AS "t54"
                          ON "t80"."patient_id" = "t54"."patient_id"
                      ) AS "t88"
                    ) AS "t95"
                    LEFT OUTER JOIN (
                      SELECT
                        "t2"."patient_id",
                        MAX("t2"."day") AS "last_lab_day"
                      FROM "labs" AS "t2"
                      GROUP BY
                        1
                    ) AS "t29"
                      ON "t95"."patient_id" = "t29"."patient_id"
                  ) AS "t108"
                ) AS "t111"
              ) AS "t134"
                ON "t30"."patient_id" = "t134"."patient_id"
            ) AS "t148"
          ) AS "t151"
          WHERE
            "t151"."day" >= 0
            AND (
              (
                "t151"."relapse_day" IS NULL
              ) OR (
                "t151"."day" < "t151"."relapse_day"
              )
            )
        ) AS "t165"
        GROUP BY
          1
      ) AS "t179"
    ) AS "t192"
      ON "t135"."patient_id" = "t192"."best_response_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t59"."patient_id" AS "infections_patient_id",
        "t59"."infection_event_day",
        "t59"."infections_by_day100",
        "t59"."infection_bacterial_event_day",
        "t59"."infections_by_day100_bacterial",
        "t59"."infection_viral_event_day",
        "t59"."infections_by_day100_viral",
        "t59"."infection_fungal_event_day",
        "t59"."infections_by_day100_fungal",
        "t59"."infection_other_event_day",
        "t59"."infections_by_day100_other"
      FROM (
        SELECT
          "t12"."patient_id",
          CAST(MIN("t12"."day") AS BIGINT) AS "infection_event_day",
          SUM(CASE WHEN "t12"."day" <= 100 THEN 1 ELSE 0 END) AS "infections_by_day100",
          CAST(MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'bacterial') AS BIGINT) AS "infection_bacterial_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'bacterial'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_bacterial",
          CAST(MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'viral') AS BIGINT) AS "infection_viral_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'viral'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_viral",
          CAST(MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'fungal') AS BIGINT) AS "infection_fungal_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'fungal'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_fungal",
          CAST(MIN("t12"."day") FILTER(WHERE
            "t12"."kind" = 'other') AS BIGINT) AS "infection_other_event_day",
          SUM(
            CASE
              WHEN (
                "t12"."day" <= 100
              ) AND (
                "t12"."kind" = 'other'
              )
              THEN 1
              ELSE 0
            END
          ) AS "infections_by_day100_other"
        FROM (
          SELECT
            *
          FROM "infections" AS "t1"
          WHERE
            "t1"."day" >= 0
        ) AS "t12"
        GROUP BY
          1
      ) AS "t59"
    ) AS "t67"
      ON "t135"."patient_id" = "t67"."infections_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t89"."patient_id" AS "immune_reconstitution_patient_id",
        "t89"."event_day" AS "immune_reconstitution_event_day"
      FROM (
        SELECT
          "t81"."patient_id",
          CAST(MIN("t81"."day") FILTER(WHERE
            "t81"."run_start") AS BIGINT) AS "event_day"
        FROM (
          SELECT
            "t65"."patient_id",
            "t65"."day",
            "t65"."value",
            "t65"."meets",
            "t65"."meets" AND TRUE AS "run_start",
            SUM(CASE WHEN "t65"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t65"."patient_id"
              ORDER BY "t65"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t50"."patient_id",
              "t50"."day",
              "t50"."value",
              "t50"."value" >= 0.2 AS "meets"
            FROM (
              SELECT
                "t14"."patient_id",
                "t14"."day",
                MIN(CASE WHEN "t14"."qualifier" = '<' THEN 0.0 ELSE "t14"."value" END) AS "value"
              FROM (
                SELECT
                  *
                FROM "labs" AS "t2"
                WHERE
                  "t2"."analyte" = 'cd4' AND "t2"."day" >= 1
              ) AS "t14"
              GROUP BY
                1,
                2
            ) AS "t50"
          ) AS "t65"
        ) AS "t81"
        GROUP BY
          1
      ) AS "t89"
    ) AS "t101"
      ON "t135"."patient_id" = "t101"."immune_reconstitution_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t90"."patient_id" AS "lymphocyte_recovery_patient_id",
        "t90"."event_day" AS "lymphocyte_recovery_event_day"
      FROM (
        SELECT
          "t82"."patient_id",
          CAST(MIN("t82"."day") FILTER(WHERE
            "t82"."run_start") AS BIGINT) AS "event_day"
        FROM (
          SELECT
            "t66"."patient_id",
            "t66"."day",
            "t66"."value",
            "t66"."meets",
            "t66"."meets" AND TRUE AS "run_start",
            SUM(CASE WHEN "t66"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t66"."patient_id"
              ORDER BY "t66"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t51"."patient_id",
              "t51"."day",
              "t51"."value",
              "t51"."value" >= 0.5 AS "meets"
            FROM (
              SELECT
                "t15"."patient_id",
                "t15"."day",
                MIN(CASE WHEN "t15"."qualifier" = '<' THEN 0.0 ELSE "t15"."value" END) AS "value"
              FROM (
                SELECT
                  *
                FROM "labs" AS "t2"
                WHERE
                  "t2"."analyte" = 'alc' AND "t2"."day" >= 1
              ) AS "t15"
              GROUP BY
                1,
                2
            ) AS "t51"
          ) AS "t66"
        ) AS "t82"
        GROUP BY
          1
      ) AS "t90"
    ) AS "t102"
      ON "t135"."patient_id" = "t102"."lymphocyte_recovery_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t37"."patient_id" AS "serious_adverse_events_patient_id",
        "t37"."serious_adverse_event_attributed"
      FROM (
        SELECT
          "t0"."patient_id",
          BOOL_OR(
            (
              "t0"."ctcae_grade" >= 3
            )
            AND "t0"."attributed_to" IN ('msc_infusion', 'donor_cells', 'graft')
          ) AS "serious_adverse_event_attributed"
        FROM "adverse_events" AS "t0"
        GROUP BY
          1
      ) AS "t37"
    ) AS "t49"
      ON "t135"."patient_id" = "t49"."serious_adverse_events_patient_id"
  ) AS "t257"
) AS "t258"
ORDER BY
  "t258"."patient_id" ASC

WITH "t19" AS (
  SELECT
    *
  FROM "disease_assessments" AS "t3"
  WHERE
    "t3"."status" IN ('relapse', 'progression') AND "t3"."day" > 0
), "t31" AS (
  SELECT
    "t22"."patient_id",
    "t22"."day"
  FROM (
    SELECT
      *
    FROM "transfusions" AS "t7"
    WHERE
      "t7"."product" = 'platelets'
  ) AS "t22"
), "t44" AS (
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
), "t54" AS (
  SELECT
    "t23"."patient_id",
    CAST("t23"."day" AS BIGINT) AS "day",
    "t23"."lineage",
    "t23"."method",
    (
      "t23"."donor_pct" IS NOT NULL
    )
    AND (
      (
        "t23"."lod_pct" IS NULL
      ) OR (
        "t23"."donor_pct" >= "t23"."lod_pct"
      )
    ) AS "detected",
    CASE
      WHEN (
        "t23"."donor_pct" IS NOT NULL
      )
      AND (
        (
          "t23"."lod_pct" IS NULL
        ) OR (
          "t23"."donor_pct" >= "t23"."lod_pct"
        )
      )
      THEN "t23"."donor_pct"
      ELSE 0.0
    END AS "level",
    CASE
      WHEN "t23"."lineage" IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN "t23"."lineage" IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS "lineage_group"
  FROM (
    SELECT
      *
    FROM "chimerism" AS "t8"
    WHERE
      "t8"."day" > 0
  ) AS "t23"
), "t65" AS (
  SELECT
    "t53"."patient_id",
    MIN("t53"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      *
    FROM "t31" AS "t33"
    WHERE
      "t33"."day" >= 0
  ) AS "t53"
  GROUP BY
    1
), "t84" AS (
  SELECT
    *
  FROM (
    SELECT
      "t43"."patient_id",
      "t43"."day",
      COALESCE(
        "t43"."anc",
        CAST((
          "t43"."wbc" * (
            "t43"."seg" + COALESCE("t43"."bands", 0.0)
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
    ) AS "t43"
  ) AS "t75"
  WHERE
    "t75"."value" IS NOT NULL
), "t90" AS (
  SELECT
    "t64"."patient_id",
    "t64"."day",
    "t64"."value",
    "t64"."platelet_engraftment_meets",
    "t64"."platelet50_engraftment_meets",
    "t64"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t64"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t64"."patient_id"
        ORDER BY "t64"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t64"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t64"."patient_id"
        ORDER BY "t64"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t64"."day", 1) OVER (
          PARTITION BY "t64"."patient_id"
          ORDER BY "t64"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t64"."day", 2) OVER (
          PARTITION BY "t64"."patient_id"
          ORDER BY "t64"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t64"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t64"."patient_id"
      ORDER BY "t64"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t64"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t64"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t64"."patient_id"
        ORDER BY "t64"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t64"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t64"."patient_id"
        ORDER BY "t64"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t64"."day", 1) OVER (
          PARTITION BY "t64"."patient_id"
          ORDER BY "t64"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t64"."day", 2) OVER (
          PARTITION BY "t64"."patient_id"
          ORDER BY "t64"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t64"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t64"."patient_id"
      ORDER BY "t64"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t50"."patient_id",
      "t50"."day",
      "t50"."value",
      "t50"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t50"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM "t44" AS "t50"
  ) AS "t64"
), "t105" AS (
  SELECT
    "t94"."patient_id",
    BOOL_OR(NOT (
      "t94"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t94"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t90" AS "t94"
  GROUP BY
    1
), "t131" AS (
  SELECT
    "t122"."patient_id",
    CAST(MIN("t122"."day") FILTER(WHERE
      "t122"."run_start" AND "t122"."failed_before") AS BIGINT) AS "day",
    BOOL_OR(NOT (
      "t122"."meets"
    )) AS "applicable"
  FROM (
    SELECT
      "t96"."patient_id",
      "t96"."day",
      "t96"."value",
      "t96"."meets",
      "t96"."meets"
      AND COALESCE(
        LEAD("t96"."meets", 1) OVER (
          PARTITION BY "t96"."patient_id"
          ORDER BY "t96"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t96"."meets", 2) OVER (
          PARTITION BY "t96"."patient_id"
          ORDER BY "t96"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD("t96"."day", 1) OVER (
            PARTITION BY "t96"."patient_id"
            ORDER BY "t96"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
        AND (
          LEAD("t96"."day", 2) OVER (
            PARTITION BY "t96"."patient_id"
            ORDER BY "t96"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
      ) AS "run_start",
      SUM(CASE WHEN "t96"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t96"."patient_id"
        ORDER BY "t96"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t85"."patient_id",
        "t85"."day",
        "t85"."value",
        "t85"."value" >= 0.5 AS "meets"
      FROM "t84" AS "t85"
    ) AS "t96"
  ) AS "t122"
  GROUP BY
    1
), "t132" AS (
  SELECT
    "t129"."patient_id",
    "t129"."arm",
    "t129"."modality",
    "t129"."graft_source",
    "t129"."second_infusion_day",
    "t129"."weight_kg",
    "t129"."death_day",
    "t129"."death_cause",
    "t129"."censor_day",
    "t129"."relapse_recorded_day",
    "t129"."relapse_day",
    "t129"."relapse_at_death",
    "t129"."origin_day"
  FROM (
    SELECT
      "t117"."patient_id",
      "t117"."arm",
      "t117"."modality",
      "t117"."graft_source",
      "t117"."second_infusion_day",
      "t117"."treatment_start_day",
      "t117"."weight_kg",
      "t117"."randomisation_day",
      "t117"."death_day",
      "t117"."death_cause",
      COALESCE("t117"."censor_day", CAST("t117"."last_lab_day" AS BIGINT), 0) AS "censor_day",
      "t117"."relapse_recorded_day",
      "t117"."last_lab_day",
      CASE
        WHEN (
          "t117"."death_day" IS NOT NULL
        )
        AND "t117"."death_cause" IN ('relapse', 'progression')
        AND (
          (
            "t117"."relapse_recorded_day" IS NULL
          )
          OR (
            "t117"."relapse_recorded_day" > "t117"."death_day"
          )
        )
        THEN "t117"."death_day"
        ELSE "t117"."relapse_recorded_day"
      END AS "relapse_day",
      COALESCE(
        (
          "t117"."death_day" IS NOT NULL
        )
        AND "t117"."death_cause" IN ('relapse', 'progression')
        AND (
          (
            "t117"."relapse_recorded_day" IS NULL
          )
          OR (
            "t117"."relapse_recorded_day" > "t117"."death_day"
          )
        ),
        FALSE
      ) AS "relapse_at_death",
      0 AS "origin_day"
    FROM (
      SELECT
        "t115"."patient_id",
        "t115"."arm",
        "t115"."modality",
        "t115"."graft_source",
        "t115"."second_infusion_day",
        "t115"."treatment_start_day",
        "t115"."weight_kg",
        "t115"."randomisation_day",
        "t115"."death_day",
        "t115"."death_cause",
        "t115"."censor_day",
        "t115"."relapse_recorded_day",
        "t115"."last_lab_day"
      FROM (
        SELECT
          "t97"."patient_id",
          "t97"."arm",
          "t97"."modality",
          "t97"."graft_source",
          "t97"."second_infusion_day",
          "t97"."treatment_start_day",
          "t97"."weight_kg",
          "t97"."randomisation_day",
          "t97"."death_day",
          "t97"."death_cause",
          "t97"."censor_day",
          "t97"."relapse_recorded_day",
          "t25"."patient_id" AS "patient_id_right",
          "t25"."last_lab_day"
        FROM (
          SELECT
            "t91"."patient_id",
            "t91"."arm",
            "t91"."modality",
            "t91"."graft_source",
            "t91"."second_infusion_day",
            "t91"."treatment_start_day",
            "t91"."weight_kg",
            "t91"."randomisation_day",
            "t91"."death_day",
            "t91"."death_cause",
            "t91"."censor_day",
            "t91"."relapse_recorded_day"
          FROM (
            SELECT
              "t81"."patient_id",
              "t81"."arm",
              "t81"."modality",
              "t81"."graft_source",
              "t81"."second_infusion_day",
              "t81"."treatment_start_day",
              "t81"."weight_kg",
              "t81"."randomisation_day",
              "t81"."death_day",
              "t81"."death_cause",
              "t81"."censor_day",
              "t51"."patient_id" AS "patient_id_right",
              "t51"."relapse_recorded_day"
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
                  "t57"."patient_id",
                  "t57"."arm",
                  "t57"."modality",
                  "t57"."graft_source",
                  "t57"."second_infusion_day",
                  "t57"."treatment_start_day",
                  "t57"."weight_kg",
                  "t57"."randomisation_day",
                  "t37"."patient_id" AS "patient_id_right",
                  "t37"."death_day",
                  "t37"."death_cause",
                  "t37"."censor_day"
                FROM (
                  SELECT
                    "t48"."patient_id",
                    "t48"."arm",
                    "t48"."modality",
                    "t48"."graft_source",
                    "t48"."second_infusion_day",
                    "t48"."treatment_start_day",
                    "t48"."weight_kg",
                    "t48"."randomisation_day"
                  FROM (
                    SELECT
                      "t29"."patient_id",
                      "t29"."arm",
                      "t29"."modality",
                      "t29"."graft_source",
                      "t29"."second_infusion_day",
                      "t29"."treatment_start_day",
                      "t28"."patient_id" AS "patient_id_right",
                      "t28"."weight_kg",
                      "t28"."randomisation_day"
                    FROM (
                      SELECT
                        "t9"."patient_id",
                        COALESCE("t9"."arm", "t9"."modality") AS "arm",
                        "t9"."modality",
                        "t9"."graft_source",
                        CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                        CAST("t9"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                      FROM "treatments" AS "t9"
                    ) AS "t29"
                    LEFT OUTER JOIN (
                      SELECT
                        "t5"."patient_id",
                        "t5"."weight_kg",
                        CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                      FROM "patients" AS "t5"
                    ) AS "t28"
                      ON "t29"."patient_id" = "t28"."patient_id"
                  ) AS "t48"
                ) AS "t57"
                LEFT OUTER JOIN (
                  SELECT
                    "t6"."patient_id",
                    CASE
                      WHEN "t6"."vital_status" = 'dead'
                      THEN COALESCE("t6"."death_day", "t6"."last_contact_day")
                      ELSE CAST(NULL AS BIGINT)
                    END AS "death_day",
                    CASE
                      WHEN "t6"."vital_status" = 'dead'
                      THEN "t6"."cause"
                      ELSE CAST(NULL AS VARCHAR)
                    END AS "death_cause",
                    GREATEST(
                      "t6"."last_contact_day",
                      COALESCE(
                        CASE
                          WHEN "t6"."vital_status" = 'dead'
                          THEN COALESCE("t6"."death_day", "t6"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END,
                        "t6"."last_contact_day"
                      )
                    ) AS "censor_day"
                  FROM "followup" AS "t6"
                ) AS "t37"
                  ON "t57"."patient_id" = "t37"."patient_id"
              ) AS "t74"
            ) AS "t81"
            LEFT OUTER JOIN (
              SELECT
                "t27"."patient_id",
                CAST(MIN("t27"."day") AS BIGINT) AS "relapse_recorded_day"
              FROM "t19" AS "t27"
              GROUP BY
                1
            ) AS "t51"
              ON "t81"."patient_id" = "t51"."patient_id"
          ) AS "t91"
        ) AS "t97"
        LEFT OUTER JOIN (
          SELECT
            "t2"."patient_id",
            MAX("t2"."day") AS "last_lab_day"
          FROM "labs" AS "t2"
          GROUP BY
            1
        ) AS "t25"
          ON "t97"."patient_id" = "t25"."patient_id"
      ) AS "t115"
    ) AS "t117"
  ) AS "t129"
), "t160" AS (
  SELECT
    "t149"."patient_id",
    "t149"."assessment_day" AS "day",
    CASE
      WHEN "t149"."max_level" < 5.0
      THEN 'donor_loss'
      WHEN "t149"."min_level" > 95.0
      THEN CASE
        WHEN "t149"."myeloid" AND "t149"."lymphoid"
        THEN 'full'
        WHEN "t149"."myeloid"
        THEN 'full_myeloid_only'
        WHEN "t149"."lymphoid"
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS "category",
    "t149"."lineage",
    "t149"."method"
  FROM (
    SELECT
      "t137"."patient_id",
      "t137"."assessment_day",
      MIN("t137"."level") AS "min_level",
      MAX("t137"."level") AS "max_level",
      BOOL_OR("t137"."lineage_group" = 'myeloid') AS "myeloid",
      BOOL_OR("t137"."lineage_group" = 'lymphoid') AS "lymphoid",
      MAX("t137"."lineage") FILTER(WHERE
        "t137"."low_rank" = 0) AS "lineage",
      MAX("t137"."method") FILTER(WHERE
        "t137"."low_rank" = 0) AS "method"
    FROM (
      SELECT
        "t128"."patient_id",
        "t128"."assessment_day",
        "t128"."day",
        "t128"."lineage",
        "t128"."method",
        "t128"."detected",
        "t128"."level",
        "t128"."lineage_group",
        "t128"."group_rank",
        ROW_NUMBER() OVER (
          PARTITION BY "t128"."patient_id", "t128"."assessment_day"
          ORDER BY "t128"."level" ASC, "t128"."lineage" ASC, "t128"."method" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "low_rank"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t102"."patient_id",
            "t102"."assessment_day",
            "t102"."day",
            "t102"."lineage",
            "t102"."method",
            "t102"."detected",
            "t102"."level",
            "t102"."lineage_group",
            ROW_NUMBER() OVER (
              PARTITION BY "t102"."patient_id", "t102"."assessment_day", "t102"."lineage_group"
              ORDER BY "t102"."day" DESC NULLS LAST, "t102"."level" ASC, "t102"."lineage" ASC, "t102"."method" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "group_rank"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t78"."patient_id",
                "t78"."assessment_day",
                "t61"."day",
                "t61"."lineage",
                "t61"."method",
                "t61"."detected",
                "t61"."level",
                "t61"."lineage_group"
              FROM (
                SELECT DISTINCT
                  *
                FROM (
                  SELECT
                    "t56"."patient_id",
                    "t56"."day" AS "assessment_day"
                  FROM "t54" AS "t56"
                ) AS "t67"
              ) AS "t78"
              INNER JOIN "t54" AS "t61"
                ON "t78"."patient_id" = "t61"."patient_id"
            ) AS "t87"
            WHERE
              "t87"."day" <= "t87"."assessment_day"
              AND "t87"."day" >= (
                "t87"."assessment_day" - 7
              )
          ) AS "t102"
        ) AS "t120"
        WHERE
          "t120"."group_rank" = 0
      ) AS "t128"
    ) AS "t137"
    GROUP BY
      1,
      2
  ) AS "t149"
), "t161" AS (
  SELECT
    "t158"."patient_id",
    "t158"."cutoff"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t138"."patient_id",
        CASE
          WHEN "t138"."graft_source" = 'bm'
          THEN 30
          WHEN "t138"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t138"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END AS "cutoff",
        "t138"."modality"
      FROM "t132" AS "t138"
    ) AS "t150"
    WHERE
      "t150"."cutoff" IS NOT NULL AND "t150"."modality" IN ('allo_hsct', 'auto_hsct')
  ) AS "t158"
), "t186" AS (
  SELECT
    "t179"."patient_id",
    "t179"."day",
    COALESCE("t179"."platelet_engraftment_fell", FALSE)
    OR (
      "t179"."first_transfusion_day" IS NOT NULL
    ) AS "applicable"
  FROM (
    SELECT
      "t174"."patient_id",
      "t174"."platelet_engraftment_fell",
      "t174"."platelet50_engraftment_fell",
      "t174"."first_transfusion_day",
      "t174"."day"
    FROM (
      SELECT
        "t156"."patient_id",
        "t156"."platelet_engraftment_fell",
        "t156"."platelet50_engraftment_fell",
        "t156"."first_transfusion_day",
        "t168"."patient_id" AS "patient_id_right",
        "t168"."day"
      FROM (
        SELECT
          "t152"."patient_id",
          "t152"."platelet_engraftment_fell",
          "t152"."platelet50_engraftment_fell",
          "t152"."first_transfusion_day"
        FROM (
          SELECT
            "t139"."patient_id",
            "t139"."platelet_engraftment_fell",
            "t139"."platelet50_engraftment_fell",
            "t71"."patient_id" AS "patient_id_right",
            "t71"."first_transfusion_day"
          FROM (
            SELECT
              "t130"."patient_id",
              "t130"."platelet_engraftment_fell",
              "t130"."platelet50_engraftment_fell"
            FROM (
              SELECT
                "t123"."patient_id",
                "t116"."patient_id" AS "patient_id_right",
                "t116"."platelet_engraftment_fell",
                "t116"."platelet50_engraftment_fell"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t111"."patient_id"
                  FROM "t105" AS "t111"
                ) AS "t118"
                UNION
                SELECT
                  *
                FROM (
                  SELECT
                    "t69"."patient_id"
                  FROM "t65" AS "t69"
                ) AS "t76"
              ) AS "t123"
              LEFT OUTER JOIN "t105" AS "t116"
                ON "t123"."patient_id" = "t116"."patient_id"
            ) AS "t130"
          ) AS "t139"
          LEFT OUTER JOIN "t65" AS "t71"
            ON "t139"."patient_id" = "t71"."patient_id"
        ) AS "t152"
      ) AS "t156"
      LEFT OUTER JOIN (
        SELECT
          "t155"."patient_id",
          CAST(MIN("t155"."day") AS BIGINT) AS "day"
        FROM (
          SELECT
            "t141"."patient_id",
            "t141"."day",
            "t141"."failed_before",
            "t141"."first_transfusion_day"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t125"."patient_id",
                "t125"."day",
                "t125"."failed_before",
                "t125"."first_transfusion_day"
              FROM (
                SELECT
                  "t113"."patient_id",
                  "t113"."day",
                  "t113"."failed_before",
                  "t71"."patient_id" AS "patient_id_right",
                  "t71"."first_transfusion_day"
                FROM (
                  SELECT
                    "t101"."patient_id",
                    "t101"."day",
                    "t101"."platelet_engraftment_failed_before" AS "failed_before"
                  FROM (
                    SELECT
                      *
                    FROM "t90" AS "t94"
                    WHERE
                      "t94"."platelet_engraftment_run_start"
                  ) AS "t101"
                ) AS "t113"
                LEFT OUTER JOIN "t65" AS "t71"
                  ON "t113"."patient_id" = "t71"."patient_id"
              ) AS "t125"
            ) AS "t127"
            WHERE
              "t127"."failed_before"
              OR COALESCE("t127"."first_transfusion_day" < "t127"."day", FALSE)
          ) AS "t141"
          WHERE
            NOT EXISTS(
              SELECT
                1
              FROM "t31" AS "t38"
              WHERE
                "t141"."patient_id" = "t38"."patient_id"
                AND "t38"."day" <= "t141"."day"
                AND "t38"."day" > (
                  "t141"."day" - 7
                )
            )
        ) AS "t155"
        GROUP BY
          1
      ) AS "t168"
        ON "t156"."patient_id" = "t168"."patient_id"
    ) AS "t174"
  ) AS "t179"
), "t224" AS (
  SELECT
    "t214"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t214"."n_fell"
        ) THEN 0 ELSE "t214"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t214"."p_fell"
        ) THEN 0 ELSE "t214"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t214"."n_fell"
        ) THEN 0 ELSE "t214"."n_day" END,
        CASE WHEN NOT (
          "t214"."p_fell"
        ) THEN 0 ELSE "t214"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t214"."n_fell"
    ) THEN 0 ELSE "t214"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t214"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t212"."patient_id",
      "t212"."n_day",
      "t212"."n_fell",
      "t212"."p_day",
      "t212"."p_fell"
    FROM (
      SELECT
        "t146"."patient_id",
        "t146"."n_day",
        "t146"."n_fell",
        "t201"."patient_id" AS "patient_id_right",
        "t201"."p_day",
        "t201"."p_fell"
      FROM (
        SELECT
          "t133"."patient_id",
          "t133"."day" AS "n_day",
          "t133"."applicable" AS "n_fell"
        FROM "t131" AS "t133"
      ) AS "t146"
      LEFT OUTER JOIN (
        SELECT
          "t188"."patient_id",
          "t188"."day" AS "p_day",
          "t188"."applicable" AS "p_fell"
        FROM "t186" AS "t188"
      ) AS "t201"
        ON "t146"."patient_id" = "t201"."patient_id"
    ) AS "t212"
  ) AS "t214"
), "t255" AS (
  SELECT
    "t254"."patient_id",
    "t254"."day",
    "t254"."kind",
    BOOL_OR("t254"."relapse_day" IS NOT NULL) AS "explained"
  FROM (
    SELECT
      "t253"."patient_id",
      "t253"."day",
      "t253"."kind",
      "t46"."patient_id" AS "patient_id_right",
      "t46"."relapse_day"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t249"."patient_id",
          CAST("t249"."day" AS BIGINT) AS "day",
          'anc' AS "kind"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t244"."patient_id",
              "t244"."day",
              "t244"."value",
              "t244"."meets",
              "t244"."meets"
              AND COALESCE(
                LEAD("t244"."meets", 1) OVER (
                  PARTITION BY "t244"."patient_id"
                  ORDER BY "t244"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ),
                FALSE
              )
              AND COALESCE(
                LEAD("t244"."meets", 2) OVER (
                  PARTITION BY "t244"."patient_id"
                  ORDER BY "t244"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD("t244"."day", 1) OVER (
                    PARTITION BY "t244"."patient_id"
                    ORDER BY "t244"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NOT NULL
                )
                AND (
                  LEAD("t244"."day", 2) OVER (
                    PARTITION BY "t244"."patient_id"
                    ORDER BY "t244"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NOT NULL
                )
              ) AS "run_start",
              SUM(CASE WHEN "t244"."meets" THEN 0 ELSE 1 END) OVER (
                PARTITION BY "t244"."patient_id"
                ORDER BY "t244"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS "failed_before"
            FROM (
              SELECT
                "t242"."patient_id",
                "t242"."day",
                "t242"."value",
                "t242"."value" < 0.5 AS "meets"
              FROM (
                SELECT
                  "t240"."patient_id",
                  "t240"."day",
                  "t240"."value"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t89"."patient_id",
                      "t89"."day",
                      "t89"."value",
                      "t237"."recovered_day"
                    FROM "t84" AS "t89"
                    INNER JOIN (
                      SELECT
                        "t231"."patient_id",
                        "t231"."recovered_day"
                      FROM (
                        SELECT
                          *
                        FROM "t224" AS "t226"
                        WHERE
                          "t226"."recovered_day" IS NOT NULL
                      ) AS "t231"
                    ) AS "t237"
                      ON "t89"."patient_id" = "t237"."patient_id"
                  ) AS "t238"
                  WHERE
                    "t238"."day" > "t238"."recovered_day"
                ) AS "t240"
              ) AS "t242"
            ) AS "t244"
          ) AS "t247"
          WHERE
            "t247"."run_start"
        ) AS "t249"
      ) AS "t251"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t248"."patient_id",
          "t248"."day",
          'platelet_transfusions' AS "kind"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t245"."patient_id",
              "t245"."day",
              LEAD("t245"."day", 1) OVER (
                PARTITION BY "t245"."patient_id"
                ORDER BY "t245"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "kth"
            FROM (
              SELECT DISTINCT
                *
              FROM (
                SELECT
                  "t241"."patient_id",
                  CAST("t241"."day" AS BIGINT) AS "day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t39"."patient_id",
                      "t39"."day",
                      "t237"."recovered_day"
                    FROM "t31" AS "t39"
                    INNER JOIN (
                      SELECT
                        "t231"."patient_id",
                        "t231"."recovered_day"
                      FROM (
                        SELECT
                          *
                        FROM "t224" AS "t226"
                        WHERE
                          "t226"."recovered_day" IS NOT NULL
                      ) AS "t231"
                    ) AS "t237"
                      ON "t39"."patient_id" = "t237"."patient_id"
                  ) AS "t239"
                  WHERE
                    "t239"."day" > "t239"."recovered_day"
                ) AS "t241"
              ) AS "t243"
            ) AS "t245"
          ) AS "t246"
          WHERE
            (
              "t246"."kth" - "t246"."day"
            ) <= 6
        ) AS "t248"
      ) AS "t250"
    ) AS "t253"
    LEFT OUTER JOIN (
      SELECT
        "t27"."patient_id",
        CAST("t27"."day" AS BIGINT) AS "relapse_day"
      FROM "t19" AS "t27"
    ) AS "t46"
      ON "t253"."patient_id" = "t46"."patient_id"
      AND "t46"."relapse_day" BETWEEN "t253"."day" - 14 AND "t253"."day" + 14
  ) AS "t254"
  GROUP BY
    1,
    2,
    3
)
SELECT
  *
FROM (
  SELECT
    "t274"."patient_id",
    "t274"."arm",
    "t274"."modality",
    CASE
      WHEN "t274"."neutrophil_engraftment_applicable"
      THEN CASE
        WHEN (
          "t274"."neutrophil_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."neutrophil_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN "t274"."neutrophil_engraftment_event_day"
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN "t274"."engraftment_competing_day"
        ELSE "t274"."censor_day"
      END
      ELSE CAST(NULL AS BIGINT)
    END AS "neutrophil_engraftment_day",
    CASE
      WHEN "t274"."neutrophil_engraftment_applicable"
      THEN CAST(CASE
        WHEN (
          "t274"."neutrophil_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."neutrophil_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN 1
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN 2
        ELSE 0
      END AS BIGINT)
      ELSE CAST(NULL AS BIGINT)
    END AS "neutrophil_engraftment_status",
    "t274"."neutrophil_engraftment_applicable",
    CASE
      WHEN "t274"."platelet_engraftment_applicable"
      THEN CASE
        WHEN (
          "t274"."platelet_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."platelet_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN "t274"."platelet_engraftment_event_day"
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN "t274"."engraftment_competing_day"
        ELSE "t274"."censor_day"
      END
      ELSE CAST(NULL AS BIGINT)
    END AS "platelet_engraftment_day",
    CASE
      WHEN "t274"."platelet_engraftment_applicable"
      THEN CAST(CASE
        WHEN (
          "t274"."platelet_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."platelet_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN 1
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN 2
        ELSE 0
      END AS BIGINT)
      ELSE CAST(NULL AS BIGINT)
    END AS "platelet_engraftment_status",
    "t274"."platelet_engraftment_applicable",
    CASE
      WHEN "t274"."platelet50_engraftment_applicable"
      THEN CASE
        WHEN (
          "t274"."platelet50_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."platelet50_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN "t274"."platelet50_engraftment_event_day"
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN "t274"."engraftment_competing_day"
        ELSE "t274"."censor_day"
      END
      ELSE CAST(NULL AS BIGINT)
    END AS "platelet50_engraftment_day",
    CASE
      WHEN "t274"."platelet50_engraftment_applicable"
      THEN CAST(CASE
        WHEN (
          "t274"."platelet50_engraftment_event_day" IS NOT NULL
        )
        AND (
          (
            "t274"."engraftment_competing_day" IS NULL
          )
          OR (
            "t274"."platelet50_engraftment_event_day" <= "t274"."engraftment_competing_day"
          )
        )
        THEN 1
        WHEN "t274"."engraftment_competing_day" IS NOT NULL
        THEN 2
        ELSE 0
      END AS BIGINT)
      ELSE CAST(NULL AS BIGINT)
    END AS "platelet50_engraftment_status",
    "t274"."platelet50_engraftment_applicable",
    CASE
      WHEN (
        "t274"."agvhd_2_4_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."agvhd_2_4_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN "t274"."agvhd_2_4_event_day"
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN "t274"."gvhd_competing_day"
      ELSE "t274"."censor_day"
    END AS "agvhd_2_4_day",
    CAST(CASE
      WHEN (
        "t274"."agvhd_2_4_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."agvhd_2_4_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN 1
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "agvhd_2_4_status",
    CASE
      WHEN (
        "t274"."agvhd_3_4_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."agvhd_3_4_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN "t274"."agvhd_3_4_event_day"
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN "t274"."gvhd_competing_day"
      ELSE "t274"."censor_day"
    END AS "agvhd_3_4_day",
    CAST(CASE
      WHEN (
        "t274"."agvhd_3_4_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."agvhd_3_4_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN 1
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "agvhd_3_4_status",
    CASE
      WHEN (
        "t274"."cgvhd_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."cgvhd_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN "t274"."cgvhd_event_day"
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN "t274"."gvhd_competing_day"
      ELSE "t274"."censor_day"
    END AS "cgvhd_day",
    CAST(CASE
      WHEN (
        "t274"."cgvhd_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."gvhd_competing_day" IS NULL
        )
        OR (
          "t274"."cgvhd_event_day" <= "t274"."gvhd_competing_day"
        )
      )
      THEN 1
      WHEN "t274"."gvhd_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "cgvhd_status",
    CASE
      WHEN (
        "t274"."relapse_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."relapse_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."relapse_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "relapse_day",
    CAST(CASE
      WHEN (
        "t274"."relapse_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."relapse_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "relapse_status",
    CASE
      WHEN (
        "t274"."nrm_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."relapse_day" IS NULL
        )
        OR (
          "t274"."nrm_event_day" <= "t274"."relapse_day"
        )
      )
      THEN "t274"."nrm_event_day"
      WHEN "t274"."relapse_day" IS NOT NULL
      THEN "t274"."relapse_day"
      ELSE "t274"."censor_day"
    END AS "nrm_day",
    CAST(CASE
      WHEN (
        "t274"."nrm_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."relapse_day" IS NULL
        )
        OR (
          "t274"."nrm_event_day" <= "t274"."relapse_day"
        )
      )
      THEN 1
      WHEN "t274"."relapse_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "nrm_status",
    CASE
      WHEN (
        "t274"."death_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."death_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN "t274"."death_day"
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN CAST(NULL AS BIGINT)
      ELSE "t274"."censor_day"
    END AS "os_day",
    CAST(CASE
      WHEN (
        "t274"."death_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."death_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN 1
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "os_status",
    CASE
      WHEN (
        "t274"."pfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."pfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN "t274"."pfs_event_day"
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN CAST(NULL AS BIGINT)
      ELSE "t274"."censor_day"
    END AS "pfs_day",
    CAST(CASE
      WHEN (
        "t274"."pfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."pfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN 1
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "pfs_status",
    CASE
      WHEN (
        "t274"."efs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."efs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN "t274"."efs_event_day"
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN CAST(NULL AS BIGINT)
      ELSE "t274"."censor_day"
    END AS "efs_day",
    CAST(CASE
      WHEN (
        "t274"."efs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."efs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN 1
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "efs_status",
    CASE
      WHEN (
        "t274"."grfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."grfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN "t274"."grfs_event_day"
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN CAST(NULL AS BIGINT)
      ELSE "t274"."censor_day"
    END AS "grfs_day",
    CAST(CASE
      WHEN (
        "t274"."grfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."grfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN 1
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "grfs_status",
    CASE
      WHEN (
        "t274"."crfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."crfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN "t274"."crfs_event_day"
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN CAST(NULL AS BIGINT)
      ELSE "t274"."censor_day"
    END AS "crfs_day",
    CAST(CASE
      WHEN (
        "t274"."crfs_event_day" IS NOT NULL
      )
      AND (
        (
          CAST(NULL AS BIGINT) IS NULL
        )
        OR (
          "t274"."crfs_event_day" <= CAST(NULL AS BIGINT)
        )
      )
      THEN 1
      WHEN CAST(NULL AS BIGINT) IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "crfs_status",
    CASE
      WHEN (
        "t274"."infection_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."infection_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "infection_day",
    CAST(CASE
      WHEN (
        "t274"."infection_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "infection_status",
    CASE
      WHEN (
        "t274"."infection_bacterial_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_bacterial_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."infection_bacterial_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "infection_bacterial_day",
    CAST(CASE
      WHEN (
        "t274"."infection_bacterial_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_bacterial_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "infection_bacterial_status",
    CASE
      WHEN (
        "t274"."infection_viral_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_viral_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."infection_viral_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "infection_viral_day",
    CAST(CASE
      WHEN (
        "t274"."infection_viral_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_viral_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "infection_viral_status",
    CASE
      WHEN (
        "t274"."infection_fungal_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_fungal_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."infection_fungal_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "infection_fungal_day",
    CAST(CASE
      WHEN (
        "t274"."infection_fungal_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_fungal_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "infection_fungal_status",
    CASE
      WHEN (
        "t274"."infection_other_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_other_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."infection_other_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "infection_other_day",
    CAST(CASE
      WHEN (
        "t274"."infection_other_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."infection_other_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "infection_other_status",
    CASE
      WHEN (
        "t274"."immune_reconstitution_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."immune_reconstitution_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."immune_reconstitution_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "immune_reconstitution_day",
    CAST(CASE
      WHEN (
        "t274"."immune_reconstitution_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."immune_reconstitution_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "immune_reconstitution_status",
    CASE
      WHEN (
        "t274"."lymphocyte_recovery_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."lymphocyte_recovery_event_day" <= "t274"."death_day"
        )
      )
      THEN "t274"."lymphocyte_recovery_event_day"
      WHEN "t274"."death_day" IS NOT NULL
      THEN "t274"."death_day"
      ELSE "t274"."censor_day"
    END AS "lymphocyte_recovery_day",
    CAST(CASE
      WHEN (
        "t274"."lymphocyte_recovery_event_day" IS NOT NULL
      )
      AND (
        (
          "t274"."death_day" IS NULL
        )
        OR (
          "t274"."lymphocyte_recovery_event_day" <= "t274"."death_day"
        )
      )
      THEN 1
      WHEN "t274"."death_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT) AS "lymphocyte_recovery_status",
    COALESCE("t274"."agvhd_max_grade", 0) AS "agvhd_max_grade",
    CASE
      WHEN COALESCE("t274"."cgvhd_max_rank", 0) = 0
      THEN 'none'
      WHEN COALESCE("t274"."cgvhd_max_rank", 0) = 1
      THEN 'mild'
      WHEN COALESCE("t274"."cgvhd_max_rank", 0) = 2
      THEN 'moderate'
      WHEN COALESCE("t274"."cgvhd_max_rank", 0) = 3
      THEN 'severe'
      ELSE 'none'
    END AS "cgvhd_max_severity",
    CASE
      WHEN NOT (
        "t274"."modality" IN ('allo_hsct', 'auto_hsct')
        AND (
          CASE
            WHEN "t274"."graft_source" = 'bm'
            THEN 30
            WHEN "t274"."graft_source" = 'pbsc'
            THEN 30
            WHEN "t274"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END IS NOT NULL
        )
      )
      THEN 'not_applicable'
      WHEN (
        (
          "t274"."neutrophil_engraftment_fell" IS NOT NULL
        )
        AND NOT (
          COALESCE("t274"."neutrophil_engraftment_fell", TRUE)
        )
      )
      OR (
        (
          "t274"."neutrophil_engraftment_event_day" IS NOT NULL
        )
        AND (
          "t274"."neutrophil_engraftment_event_day" <= CASE
            WHEN "t274"."graft_source" = 'bm'
            THEN 30
            WHEN "t274"."graft_source" = 'pbsc'
            THEN 30
            WHEN "t274"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END
        )
      )
      THEN 'no'
      WHEN "t274"."neutrophil_engraftment_fell" IS NULL
      THEN 'not_evaluable'
      WHEN "t274"."censor_day" < CASE
        WHEN "t274"."graft_source" = 'bm'
        THEN 30
        WHEN "t274"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t274"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END
      THEN 'not_evaluable'
      WHEN NOT (
        COALESCE("t274"."anc_low_near", FALSE)
      )
      THEN 'not_evaluable'
      WHEN COALESCE("t274"."platelets_low_near", FALSE)
      THEN 'yes'
      WHEN COALESCE("t274"."platelets_seen_near", FALSE)
      THEN 'no'
      ELSE 'not_evaluable'
    END AS "primary_graft_failure",
    CASE
      WHEN NOT (
        "t274"."modality" IN ('allo_hsct', 'auto_hsct')
        AND (
          CASE
            WHEN "t274"."graft_source" = 'bm'
            THEN 30
            WHEN "t274"."graft_source" = 'pbsc'
            THEN 30
            WHEN "t274"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END IS NOT NULL
        )
      )
      THEN 'not_applicable'
      WHEN NOT (
        "t274"."recovered_day" IS NOT NULL
      )
      AND (
        TRUE
        AND COALESCE("t274"."neutrophils_recovered", FALSE)
        AND NOT (
          COALESCE("t274"."platelets_known", FALSE)
        )
      )
      THEN 'not_evaluable'
      WHEN NOT (
        "t274"."recovered_day" IS NOT NULL
      )
      THEN 'not_applicable'
      WHEN "t274"."decline_day" IS NOT NULL
      THEN 'yes'
      ELSE 'no'
    END AS "secondary_graft_failure",
    CASE
      WHEN "t274"."modality" IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN "t274"."graft_source" = 'bm'
          THEN 30
          WHEN "t274"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t274"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
      THEN "t274"."decline_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "secondary_graft_failure_day",
    CASE
      WHEN NOT (
        "t274"."modality" = 'allo_hsct'
      )
      THEN 'not_applicable'
      WHEN "t274"."graft_rejection_day" IS NOT NULL
      THEN 'yes'
      WHEN "t274"."allo_day" IS NOT NULL
      THEN 'no'
      ELSE 'not_tested'
    END AS "graft_rejection",
    CASE
      WHEN "t274"."modality" = 'allo_hsct'
      THEN "t274"."graft_rejection_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "graft_rejection_day",
    CASE
      WHEN "t274"."modality" = 'allo_hsct'
      THEN "t274"."graft_rejection_assay"
      ELSE CAST(NULL AS VARCHAR)
    END AS "graft_rejection_assay",
    CASE
      WHEN (
        "t274"."allo_day" IS NOT NULL
      ) OR (
        "t274"."mst_day" IS NOT NULL
      )
      THEN CASE
        WHEN "t274"."modality" = 'mst'
        THEN "t274"."mst_category"
        ELSE "t274"."allo_category"
      END
      ELSE 'not_tested'
    END AS "chimerism_category",
    CASE WHEN "t274"."modality" = 'mst' THEN "t274"."mst_day" ELSE "t274"."allo_day" END AS "chimerism_day",
    CASE
      WHEN "t274"."modality" = 'mst'
      THEN "t274"."mst_method"
      ELSE "t274"."allo_method"
    END AS "chimerism_assay",
    CASE
      WHEN "t274"."modality" = 'mst'
      THEN "t274"."mst_lineage"
      ELSE "t274"."allo_lineage"
    END AS "chimerism_lineage",
    CASE
      WHEN "t274"."modality" = 'mst'
      THEN "t274"."microchimerism_first_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "microchimerism_first_day",
    CASE
      WHEN "t274"."modality" = 'mst'
      THEN "t274"."microchimerism_last_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "microchimerism_last_day",
    COALESCE("t274"."best_response", 'not_assessed') AS "best_response",
    COALESCE("t274"."best_response", 'not_assessed') IN ('cr') AS "cr_achieved",
    "t274"."death_cause",
    COALESCE("t274"."relapse_at_death", FALSE) AS "relapse_at_death",
    COALESCE("t274"."infections_by_day100", 0) AS "infections_by_day100",
    COALESCE("t274"."infections_by_day100_bacterial", 0) AS "infections_by_day100_bacterial",
    COALESCE("t274"."infections_by_day100_viral", 0) AS "infections_by_day100_viral",
    COALESCE("t274"."infections_by_day100_fungal", 0) AS "infections_by_day100_fungal",
    COALESCE("t274"."infections_by_day100_other", 0) AS "infections_by_day100_other",
    COALESCE("t274"."serious_adverse_event_attributed", FALSE) AS "serious_adverse_event_attributed"
  FROM (
    SELECT
      "t273"."patient_id",
      "t273"."arm",
      "t273"."modality",
      "t273"."graft_source",
      "t273"."second_infusion_day",
      "t273"."weight_kg",
      "t273"."death_day",
      "t273"."death_cause",
      "t273"."censor_day",
      "t273"."relapse_recorded_day",
      "t273"."relapse_day",
      "t273"."relapse_at_death",
      "t273"."origin_day",
      "t273"."neutrophil_engraftment_event_day",
      "t273"."neutrophil_engraftment_fell",
      "t273"."platelet_engraftment_event_day",
      "t273"."platelet_engraftment_fell",
      "t273"."platelet50_engraftment_event_day",
      "t273"."platelet50_engraftment_fell",
      "t273"."cutoff",
      "t273"."anc_low_near",
      "t273"."platelets_low_near",
      "t273"."platelets_seen_near",
      "t273"."recovered_day",
      "t273"."neutrophils_recovered",
      "t273"."platelets_known",
      "t273"."decline_day",
      "t273"."decline_kind",
      "t273"."explained",
      "t273"."agvhd_max_grade",
      "t273"."cgvhd_max_rank",
      "t273"."agvhd_2_4_event_day",
      "t273"."agvhd_3_4_event_day",
      "t273"."cgvhd_event_day",
      "t273"."grfs_agvhd_day",
      "t273"."grfs_cgvhd_day",
      "t273"."crfs_cgvhd_day",
      "t273"."allo_category",
      "t273"."allo_day",
      "t273"."allo_lineage",
      "t273"."allo_method",
      "t273"."mst_category",
      "t273"."mst_day",
      "t273"."mst_lineage",
      "t273"."mst_method",
      "t273"."microchimerism_first_day",
      "t273"."microchimerism_last_day",
      "t273"."graft_rejection_day",
      "t273"."graft_rejection_assay",
      "t273"."best_response",
      "t273"."infection_event_day",
      "t273"."infections_by_day100",
      "t273"."infection_bacterial_event_day",
      "t273"."infections_by_day100_bacterial",
      "t273"."infection_viral_event_day",
      "t273"."infections_by_day100_viral",
      "t273"."infection_fungal_event_day",
      "t273"."infections_by_day100_fungal",
      "t273"."infection_other_event_day",
      "t273"."infections_by_day100_other",
      "t273"."immune_reconstitution_event_day",
      "t273"."lymphocyte_recovery_event_day",
      "t273"."serious_adverse_event_attributed",
      "t273"."death_day" AS "engraftment_competing_day",
      "t273"."death_day" AS "gvhd_competing_day",
      CASE
        WHEN (
          "t273"."relapse_day" IS NULL
        )
        OR (
          "t273"."death_day" < "t273"."relapse_day"
        )
        THEN "t273"."death_day"
        ELSE CAST(NULL AS BIGINT)
      END AS "nrm_event_day",
      NULLIF(
        LEAST(
          COALESCE("t273"."relapse_day", 1000000000),
          COALESCE("t273"."death_day", 1000000000)
        ),
        1000000000
      ) AS "pfs_event_day",
      NULLIF(
        LEAST(
          COALESCE(
            CASE
              WHEN (
                "t273"."best_response" IS NOT NULL
              )
              AND NOT (
                "t273"."best_response" IN ('cr')
              )
              THEN "t273"."origin_day"
              ELSE CAST(NULL AS BIGINT)
            END,
            1000000000
          ),
          COALESCE("t273"."relapse_day", 1000000000),
          COALESCE("t273"."death_day", 1000000000)
        ),
        1000000000
      ) AS "efs_event_day",
      NULLIF(
        LEAST(
          COALESCE("t273"."grfs_agvhd_day", 1000000000),
          COALESCE("t273"."grfs_cgvhd_day", 1000000000),
          COALESCE("t273"."relapse_day", 1000000000),
          COALESCE("t273"."death_day", 1000000000)
        ),
        1000000000
      ) AS "grfs_event_day",
      NULLIF(
        LEAST(
          COALESCE("t273"."crfs_cgvhd_day", 1000000000),
          COALESCE("t273"."relapse_day", 1000000000),
          COALESCE("t273"."death_day", 1000000000)
        ),
        1000000000
      ) AS "crfs_event_day",
      COALESCE("t273"."neutrophil_engraftment_fell", TRUE) AS "neutrophil_engraftment_applicable",
      COALESCE("t273"."platelet_engraftment_fell", TRUE) AS "platelet_engraftment_applicable",
      COALESCE("t273"."platelet50_engraftment_fell", TRUE) AS "platelet50_engraftment_applicable"
    FROM (
      SELECT
        "t142"."patient_id",
        "t142"."arm",
        "t142"."modality",
        "t142"."graft_source",
        "t142"."second_infusion_day",
        "t142"."weight_kg",
        "t142"."death_day",
        "t142"."death_cause",
        "t142"."censor_day",
        "t142"."relapse_recorded_day",
        "t142"."relapse_day",
        "t142"."relapse_at_death",
        "t142"."origin_day",
        "t151"."neutrophil_engraftment_event_day",
        "t151"."neutrophil_engraftment_fell",
        "t209"."platelet_engraftment_event_day",
        "t209"."platelet_engraftment_fell",
        "t206"."platelet50_engraftment_event_day",
        "t206"."platelet50_engraftment_fell",
        "t236"."cutoff",
        "t236"."anc_low_near",
        "t236"."platelets_low_near",
        "t236"."platelets_seen_near",
        "t272"."recovered_day",
        "t272"."neutrophils_recovered",
        "t272"."platelets_known",
        "t272"."decline_day",
        "t272"."decline_kind",
        "t272"."explained",
        "t220"."agvhd_max_grade",
        "t220"."cgvhd_max_rank",
        "t220"."agvhd_2_4_event_day",
        "t220"."agvhd_3_4_event_day",
        "t220"."cgvhd_event_day",
        "t220"."grfs_agvhd_day",
        "t220"."grfs_cgvhd_day",
        "t220"."crfs_cgvhd_day",
        "t233"."allo_category",
        "t233"."allo_day",
        "t233"."allo_lineage",
        "t233"."allo_method",
        "t233"."mst_category",
        "t233"."mst_day",
        "t233"."mst_lineage",
        "t233"."mst_method",
        "t233"."microchimerism_first_day",
        "t233"."microchimerism_last_day",
        "t233"."graft_rejection_day",
        "t233"."graft_rejection_assay",
        "t203"."best_response",
        "t62"."infection_event_day",
        "t62"."infections_by_day100",
        "t62"."infection_bacterial_event_day",
        "t62"."infections_by_day100_bacterial",
        "t62"."infection_viral_event_day",
        "t62"."infections_by_day100_viral",
        "t62"."infection_fungal_event_day",
        "t62"."infections_by_day100_fungal",
        "t62"."infection_other_event_day",
        "t62"."infections_by_day100_other",
        "t109"."immune_reconstitution_event_day",
        "t110"."lymphocyte_recovery_event_day",
        "t40"."serious_adverse_event_attributed"
      FROM "t132" AS "t142"
      LEFT OUTER JOIN (
        SELECT
          "t143"."patient_id" AS "neutrophil_engraftment_patient_id",
          "t143"."neutrophil_engraftment_event_day",
          "t143"."neutrophil_engraftment_fell"
        FROM (
          SELECT
            "t133"."patient_id",
            "t133"."day" AS "neutrophil_engraftment_event_day",
            "t133"."applicable" AS "neutrophil_engraftment_fell"
          FROM "t131" AS "t133"
        ) AS "t143"
      ) AS "t151"
        ON "t142"."patient_id" = "t151"."neutrophil_engraftment_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t194"."patient_id" AS "platelet_engraftment_patient_id",
          "t194"."platelet_engraftment_event_day",
          "t194"."platelet_engraftment_fell"
        FROM (
          SELECT
            "t188"."patient_id",
            "t188"."day" AS "platelet_engraftment_event_day",
            "t188"."applicable" AS "platelet_engraftment_fell"
          FROM "t186" AS "t188"
        ) AS "t194"
      ) AS "t209"
        ON "t142"."patient_id" = "t209"."platelet_engraftment_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t192"."patient_id" AS "platelet50_engraftment_patient_id",
          "t192"."platelet50_engraftment_event_day",
          "t192"."platelet50_engraftment_fell"
        FROM (
          SELECT
            "t185"."patient_id",
            "t185"."day" AS "platelet50_engraftment_event_day",
            "t185"."applicable" AS "platelet50_engraftment_fell"
          FROM (
            SELECT
              "t178"."patient_id",
              "t178"."day",
              COALESCE("t178"."platelet50_engraftment_fell", FALSE)
              OR (
                "t178"."first_transfusion_day" IS NOT NULL
              ) AS "applicable"
            FROM (
              SELECT
                "t173"."patient_id",
                "t173"."platelet_engraftment_fell",
                "t173"."platelet50_engraftment_fell",
                "t173"."first_transfusion_day",
                "t173"."day"
              FROM (
                SELECT
                  "t156"."patient_id",
                  "t156"."platelet_engraftment_fell",
                  "t156"."platelet50_engraftment_fell",
                  "t156"."first_transfusion_day",
                  "t167"."patient_id" AS "patient_id_right",
                  "t167"."day"
                FROM (
                  SELECT
                    "t152"."patient_id",
                    "t152"."platelet_engraftment_fell",
                    "t152"."platelet50_engraftment_fell",
                    "t152"."first_transfusion_day"
                  FROM (
                    SELECT
                      "t139"."patient_id",
                      "t139"."platelet_engraftment_fell",
                      "t139"."platelet50_engraftment_fell",
                      "t71"."patient_id" AS "patient_id_right",
                      "t71"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t130"."patient_id",
                        "t130"."platelet_engraftment_fell",
                        "t130"."platelet50_engraftment_fell"
                      FROM (
                        SELECT
                          "t123"."patient_id",
                          "t116"."patient_id" AS "patient_id_right",
                          "t116"."platelet_engraftment_fell",
                          "t116"."platelet50_engraftment_fell"
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t111"."patient_id"
                            FROM "t105" AS "t111"
                          ) AS "t118"
                          UNION
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t69"."patient_id"
                            FROM "t65" AS "t69"
                          ) AS "t76"
                        ) AS "t123"
                        LEFT OUTER JOIN "t105" AS "t116"
                          ON "t123"."patient_id" = "t116"."patient_id"
                      ) AS "t130"
                    ) AS "t139"
                    LEFT OUTER JOIN "t65" AS "t71"
                      ON "t139"."patient_id" = "t71"."patient_id"
                  ) AS "t152"
                ) AS "t156"
                LEFT OUTER JOIN (
                  SELECT
                    "t154"."patient_id",
                    CAST(MIN("t154"."day") AS BIGINT) AS "day"
                  FROM (
                    SELECT
                      "t140"."patient_id",
                      "t140"."day",
                      "t140"."failed_before",
                      "t140"."first_transfusion_day"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t124"."patient_id",
                          "t124"."day",
                          "t124"."failed_before",
                          "t124"."first_transfusion_day"
                        FROM (
                          SELECT
                            "t112"."patient_id",
                            "t112"."day",
                            "t112"."failed_before",
                            "t71"."patient_id" AS "patient_id_right",
                            "t71"."first_transfusion_day"
                          FROM (
                            SELECT
                              "t100"."patient_id",
                              "t100"."day",
                              "t100"."platelet50_engraftment_failed_before" AS "failed_before"
                            FROM (
                              SELECT
                                *
                              FROM "t90" AS "t94"
                              WHERE
                                "t94"."platelet50_engraftment_run_start"
                            ) AS "t100"
                          ) AS "t112"
                          LEFT OUTER JOIN "t65" AS "t71"
                            ON "t112"."patient_id" = "t71"."patient_id"
                        ) AS "t124"
                      ) AS "t126"
                      WHERE
                        "t126"."failed_before"
                        OR COALESCE("t126"."first_transfusion_day" < "t126"."day", FALSE)
                    ) AS "t140"
                    WHERE
                      NOT EXISTS(
                        SELECT
                          1
                        FROM "t31" AS "t38"
                        WHERE
                          "t140"."patient_id" = "t38"."patient_id"
                          AND "t38"."day" <= "t140"."day"
                          AND "t38"."day" > (
                            "t140"."day" - 7
                          )
                      )
                  ) AS "t154"
                  GROUP BY
                    1
                ) AS "t167"
                  ON "t156"."patient_id" = "t167"."patient_id"
              ) AS "t173"
            ) AS "t178"
          ) AS "t185"
        ) AS "t192"
      ) AS "t206"
        ON "t142"."patient_id" = "t206"."platelet50_engraftment_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t230"."patient_id" AS "primary_graft_failure_evidence_patient_id",
          "t230"."cutoff",
          "t230"."anc_low_near",
          "t230"."platelets_low_near",
          "t230"."platelets_seen_near"
        FROM (
          SELECT
            "t225"."patient_id",
            "t225"."cutoff",
            COALESCE("t225"."anc_low_near", FALSE) AS "anc_low_near",
            COALESCE("t225"."platelets_low_near", FALSE) AS "platelets_low_near",
            COALESCE("t225"."platelets_seen_near", FALSE) AS "platelets_seen_near"
          FROM (
            SELECT
              "t223"."patient_id",
              "t223"."cutoff",
              "t223"."anc_low_near",
              "t223"."platelets_low_near",
              "t223"."platelets_seen_near"
            FROM (
              SELECT
                "t219"."patient_id",
                "t219"."cutoff",
                "t219"."anc_low_near",
                "t204"."patient_id" AS "patient_id_right",
                "t204"."platelets_low_near",
                "t204"."platelets_seen_near"
              FROM (
                SELECT
                  "t213"."patient_id",
                  "t213"."cutoff",
                  "t213"."anc_low_near"
                FROM (
                  SELECT
                    "t169"."patient_id",
                    "t169"."cutoff",
                    "t205"."patient_id" AS "patient_id_right",
                    "t205"."anc_low_near"
                  FROM "t161" AS "t169"
                  LEFT OUTER JOIN (
                    SELECT
                      "t184"."patient_id",
                      BOOL_OR("t184"."value" < 0.5) AS "anc_low_near"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t89"."patient_id",
                          "t89"."day",
                          "t89"."value",
                          "t170"."cutoff"
                        FROM "t84" AS "t89"
                        INNER JOIN "t161" AS "t170"
                          ON "t89"."patient_id" = "t170"."patient_id"
                      ) AS "t177"
                      WHERE
                        "t177"."day" BETWEEN "t177"."cutoff" - 7 AND "t177"."cutoff"
                    ) AS "t184"
                    GROUP BY
                      1
                  ) AS "t205"
                    ON "t169"."patient_id" = "t205"."patient_id"
                ) AS "t213"
              ) AS "t219"
              LEFT OUTER JOIN (
                SELECT
                  "t183"."patient_id",
                  BOOL_OR("t183"."low") AS "platelets_low_near",
                  COUNT("t183"."day") > 0 AS "platelets_seen_near"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t70"."patient_id",
                      "t70"."day",
                      "t70"."low",
                      "t170"."cutoff"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t50"."patient_id",
                          CAST("t50"."day" AS BIGINT) AS "day",
                          "t50"."value" < 20.0 AS "low"
                        FROM "t44" AS "t50"
                      ) AS "t63"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t33"."patient_id",
                          CAST("t33"."day" AS BIGINT) AS "day",
                          TRUE AS "low"
                        FROM "t31" AS "t33"
                      ) AS "t52"
                    ) AS "t70"
                    INNER JOIN "t161" AS "t170"
                      ON "t70"."patient_id" = "t170"."patient_id"
                  ) AS "t176"
                  WHERE
                    "t176"."day" BETWEEN "t176"."cutoff" - 7 AND "t176"."cutoff" + 7
                ) AS "t183"
                GROUP BY
                  1
              ) AS "t204"
                ON "t219"."patient_id" = "t204"."patient_id"
            ) AS "t223"
          ) AS "t225"
        ) AS "t230"
      ) AS "t236"
        ON "t142"."patient_id" = "t236"."primary_graft_failure_evidence_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t270"."patient_id" AS "secondary_graft_failure_patient_id",
          "t270"."recovered_day",
          "t270"."neutrophils_recovered",
          "t270"."platelets_known",
          "t270"."decline_day",
          "t270"."decline_kind",
          "t270"."explained"
        FROM (
          SELECT
            "t269"."patient_id",
            "t269"."recovered_day",
            "t269"."neutrophils_recovered",
            "t269"."platelets_known",
            "t269"."decline_day",
            "t269"."decline_kind",
            COALESCE("t269"."explained", FALSE) AS "explained"
          FROM (
            SELECT
              "t268"."patient_id",
              "t268"."recovered_day",
              "t268"."neutrophils_recovered",
              "t268"."platelets_known",
              "t268"."decline_day",
              "t268"."decline_kind",
              "t268"."explained"
            FROM (
              SELECT
                "t267"."patient_id",
                "t267"."recovered_day",
                "t267"."neutrophils_recovered",
                "t267"."platelets_known",
                "t267"."decline_day",
                "t267"."decline_kind",
                "t259"."patient_id" AS "patient_id_right",
                "t259"."explained"
              FROM (
                SELECT
                  "t265"."patient_id",
                  "t265"."recovered_day",
                  "t265"."neutrophils_recovered",
                  "t265"."platelets_known",
                  "t265"."decline_day",
                  "t265"."decline_kind"
                FROM (
                  SELECT
                    "t228"."patient_id",
                    "t228"."recovered_day",
                    "t228"."neutrophils_recovered",
                    "t228"."platelets_known",
                    "t264"."patient_id" AS "patient_id_right",
                    "t264"."decline_day",
                    "t264"."decline_kind"
                  FROM "t224" AS "t228"
                  LEFT OUTER JOIN (
                    SELECT
                      "t262"."patient_id",
                      "t262"."day" AS "decline_day",
                      "t262"."kind" AS "decline_kind"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t260"."patient_id",
                          "t260"."day",
                          "t260"."kind",
                          ROW_NUMBER() OVER (
                            PARTITION BY "t260"."patient_id"
                            ORDER BY "t260"."day" ASC, "t260"."kind" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1 AS "rank"
                        FROM (
                          SELECT
                            "t258"."patient_id",
                            "t258"."day",
                            "t258"."kind"
                          FROM (
                            SELECT
                              *
                            FROM "t255" AS "t256"
                            WHERE
                              NOT (
                                "t256"."explained"
                              )
                          ) AS "t258"
                        ) AS "t260"
                      ) AS "t261"
                      WHERE
                        "t261"."rank" = 0
                    ) AS "t262"
                  ) AS "t264"
                    ON "t228"."patient_id" = "t264"."patient_id"
                ) AS "t265"
              ) AS "t267"
              LEFT OUTER JOIN (
                SELECT
                  "t256"."patient_id",
                  BOOL_OR("t256"."explained") AS "explained"
                FROM "t255" AS "t256"
                GROUP BY
                  1
              ) AS "t259"
                ON "t267"."patient_id" = "t259"."patient_id"
            ) AS "t268"
          ) AS "t269"
        ) AS "t270"
      ) AS "t272"
        ON "t142"."patient_id" = "t272"."secondary_graft_failure_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t215"."patient_id" AS "gvhd_patient_id",
          "t215"."agvhd_max_grade",
          "t215"."cgvhd_max_rank",
          "t215"."agvhd_2_4_event_day",
          "t215"."agvhd_3_4_event_day",
          "t215"."cgvhd_event_day",
          "t215"."grfs_agvhd_day",
          "t215"."grfs_cgvhd_day",
          "t215"."crfs_cgvhd_day"
        FROM (
          SELECT
            "t193"."patient_id",
            MAX("t193"."agvhd_grade") FILTER(WHERE
              "t193"."day" >= 0) AS "agvhd_max_grade",
            MAX("t193"."cgvhd_severity_rank") FILTER(WHERE
              "t193"."day" >= 0) AS "cgvhd_max_rank",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              ) AND (
                "t193"."agvhd_grade" >= 2
              )) AS BIGINT) AS "agvhd_2_4_event_day",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              ) AND (
                "t193"."agvhd_grade" >= 3
              )) AS BIGINT) AS "agvhd_3_4_event_day",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              ) AND (
                "t193"."cgvhd_severity_rank" >= 1
              )) AS BIGINT) AS "cgvhd_event_day",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              ) AND (
                "t193"."agvhd_grade" >= 3
              )) AS BIGINT) AS "grfs_agvhd_day",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              )
              AND (
                (
                  "t193"."cgvhd_severity_rank" >= 1
                )
                AND COALESCE("t193"."systemic_therapy", FALSE)
              )) AS BIGINT) AS "grfs_cgvhd_day",
            CAST(MIN("t193"."day") FILTER(WHERE
              (
                "t193"."day" >= 0
              )
              AND (
                (
                  "t193"."cgvhd_severity_rank" >= 1
                )
                AND COALESCE("t193"."systemic_therapy", FALSE)
              )) AS BIGINT) AS "crfs_cgvhd_day"
          FROM (
            SELECT
              "t164"."patient_id",
              "t164"."day",
              "t164"."date",
              "t164"."skin_bsa_pct",
              "t164"."skin_bullae",
              "t164"."skin_stage",
              "t164"."bilirubin_mg_dl",
              "t164"."liver_stage",
              "t164"."upper_gi",
              "t164"."stool_ml_day",
              "t164"."stool_episodes_day",
              "t164"."lower_gi_severe",
              "t164"."lower_gi_stage",
              "t164"."cgvhd_skin",
              "t164"."cgvhd_mouth",
              "t164"."cgvhd_eyes",
              "t164"."cgvhd_gi",
              "t164"."cgvhd_liver",
              "t164"."cgvhd_lungs",
              "t164"."cgvhd_joints",
              "t164"."cgvhd_genital",
              "t164"."systemic_therapy",
              "t164"."gvhd_diagnosed",
              "t164"."alternative_cause",
              "t164"."alternative_cause_organ",
              "t164"."agvhd_overall_grade",
              "t164"."cgvhd_global_severity",
              "t164"."cgvhd_diagnostic_sign",
              "t164"."weight_kg",
              "t164"."stool_ml_avg",
              "t164"."stool_episodes_avg",
              "t164"."skin",
              "t164"."liver",
              "t164"."upper",
              "t164"."lower",
              "t164"."agvhd_grade",
              "t164"."agvhd_grade_computed",
              "t164"."cgvhd_rank",
              "t164"."cgvhd_rank_computed",
              "t164"."cgvhd_rank_entered",
              CASE
                WHEN (
                  MIN(
                    CASE
                      WHEN COALESCE("t164"."gvhd_diagnosed", TRUE)
                      AND (
                        "t164"."day" >= 0
                      )
                      AND (
                        COALESCE("t164"."cgvhd_diagnostic_sign", FALSE)
                        OR (
                          (
                            "t164"."cgvhd_rank_entered" >= 1
                          )
                          AND COALESCE("t164"."cgvhd_diagnostic_sign", TRUE)
                        )
                      )
                      THEN CAST("t164"."day" AS BIGINT)
                      ELSE CAST(NULL AS BIGINT)
                    END
                  ) OVER (
                    PARTITION BY "t164"."patient_id"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NOT NULL
                )
                AND (
                  "t164"."day" >= MIN(
                    CASE
                      WHEN COALESCE("t164"."gvhd_diagnosed", TRUE)
                      AND (
                        "t164"."day" >= 0
                      )
                      AND (
                        COALESCE("t164"."cgvhd_diagnostic_sign", FALSE)
                        OR (
                          (
                            "t164"."cgvhd_rank_entered" >= 1
                          )
                          AND COALESCE("t164"."cgvhd_diagnostic_sign", TRUE)
                        )
                      )
                      THEN CAST("t164"."day" AS BIGINT)
                      ELSE CAST(NULL AS BIGINT)
                    END
                  ) OVER (
                    PARTITION BY "t164"."patient_id"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                )
                THEN "t164"."cgvhd_rank"
                ELSE 0
              END AS "cgvhd_severity_rank",
              MIN(
                CASE
                  WHEN COALESCE("t164"."gvhd_diagnosed", TRUE)
                  AND (
                    "t164"."day" >= 0
                  )
                  AND (
                    COALESCE("t164"."cgvhd_diagnostic_sign", FALSE)
                    OR (
                      (
                        "t164"."cgvhd_rank_entered" >= 1
                      )
                      AND COALESCE("t164"."cgvhd_diagnostic_sign", TRUE)
                    )
                  )
                  THEN CAST("t164"."day" AS BIGINT)
                  ELSE CAST(NULL AS BIGINT)
                END
              ) OVER (
                PARTITION BY "t164"."patient_id"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "cgvhd_diagnosis_day"
            FROM (
              SELECT
                "t119"."patient_id",
                "t119"."day",
                "t119"."date",
                "t119"."skin_bsa_pct",
                "t119"."skin_bullae",
                "t119"."skin_stage",
                "t119"."bilirubin_mg_dl",
                "t119"."liver_stage",
                "t119"."upper_gi",
                "t119"."stool_ml_day",
                "t119"."stool_episodes_day",
                "t119"."lower_gi_severe",
                "t119"."lower_gi_stage",
                "t119"."cgvhd_skin",
                "t119"."cgvhd_mouth",
                "t119"."cgvhd_eyes",
                "t119"."cgvhd_gi",
                "t119"."cgvhd_liver",
                "t119"."cgvhd_lungs",
                "t119"."cgvhd_joints",
                "t119"."cgvhd_genital",
                "t119"."systemic_therapy",
                "t119"."gvhd_diagnosed",
                "t119"."alternative_cause",
                "t119"."alternative_cause_organ",
                "t119"."agvhd_overall_grade",
                "t119"."cgvhd_global_severity",
                "t119"."cgvhd_diagnostic_sign",
                "t119"."weight_kg",
                "t119"."stool_ml_avg",
                "t119"."stool_episodes_avg",
                "t119"."skin",
                "t119"."liver",
                "t119"."upper",
                "t119"."lower",
                CASE
                  WHEN NOT (
                    COALESCE("t119"."gvhd_diagnosed", TRUE)
                  )
                  THEN 0
                  WHEN FALSE AND (
                    CAST("t119"."agvhd_overall_grade" AS BIGINT) IS NOT NULL
                  )
                  THEN CAST("t119"."agvhd_overall_grade" AS BIGINT)
                  WHEN (
                    "t119"."skin_bsa_pct" IS NOT NULL
                  )
                  OR (
                    "t119"."skin_bullae" IS NOT NULL
                  )
                  OR (
                    "t119"."skin_stage" IS NOT NULL
                  )
                  OR (
                    "t119"."bilirubin_mg_dl" IS NOT NULL
                  )
                  OR (
                    "t119"."liver_stage" IS NOT NULL
                  )
                  OR (
                    "t119"."upper_gi" IS NOT NULL
                  )
                  OR (
                    "t119"."stool_ml_day" IS NOT NULL
                  )
                  OR (
                    "t119"."stool_episodes_day" IS NOT NULL
                  )
                  OR (
                    "t119"."lower_gi_severe" IS NOT NULL
                  )
                  OR (
                    "t119"."lower_gi_stage" IS NOT NULL
                  )
                  THEN CASE
                    WHEN (
                      COALESCE("t119"."skin", 0) = 4
                    )
                    OR (
                      COALESCE("t119"."liver", 0) = 4
                    )
                    OR (
                      COALESCE("t119"."lower", 0) = 4
                    )
                    THEN 4
                    WHEN COALESCE("t119"."liver", 0) IN (2, 3) OR (
                      COALESCE("t119"."lower", 0) >= 2
                    )
                    THEN 3
                    WHEN (
                      COALESCE("t119"."skin", 0) = 3
                    )
                    OR (
                      COALESCE("t119"."liver", 0) = 1
                    )
                    OR (
                      COALESCE("t119"."upper", 0) = 1
                    )
                    OR (
                      COALESCE("t119"."lower", 0) = 1
                    )
                    THEN 2
                    WHEN COALESCE("t119"."skin", 0) IN (1, 2)
                    THEN 1
                    ELSE 0
                  END
                  ELSE COALESCE(CAST("t119"."agvhd_overall_grade" AS BIGINT), 0)
                END AS "agvhd_grade",
                CAST(CASE
                  WHEN (
                    COALESCE("t119"."skin", 0) = 4
                  )
                  OR (
                    COALESCE("t119"."liver", 0) = 4
                  )
                  OR (
                    COALESCE("t119"."lower", 0) = 4
                  )
                  THEN 4
                  WHEN COALESCE("t119"."liver", 0) IN (2, 3) OR (
                    COALESCE("t119"."lower", 0) >= 2
                  )
                  THEN 3
                  WHEN (
                    COALESCE("t119"."skin", 0) = 3
                  )
                  OR (
                    COALESCE("t119"."liver", 0) = 1
                  )
                  OR (
                    COALESCE("t119"."upper", 0) = 1
                  )
                  OR (
                    COALESCE("t119"."lower", 0) = 1
                  )
                  THEN 2
                  WHEN COALESCE("t119"."skin", 0) IN (1, 2)
                  THEN 1
                  ELSE 0
                END AS BIGINT) AS "agvhd_grade_computed",
                CASE
                  WHEN NOT (
                    COALESCE("t119"."gvhd_diagnosed", TRUE)
                  )
                  THEN 0
                  WHEN FALSE
                  AND (
                    CASE
                      WHEN "t119"."cgvhd_global_severity" = 'none'
                      THEN 0
                      WHEN "t119"."cgvhd_global_severity" = 'mild'
                      THEN 1
                      WHEN "t119"."cgvhd_global_severity" = 'moderate'
                      THEN 2
                      WHEN "t119"."cgvhd_global_severity" = 'severe'
                      THEN 3
                      ELSE CAST(NULL AS BIGINT)
                    END IS NOT NULL
                  )
                  THEN CASE
                    WHEN "t119"."cgvhd_global_severity" = 'none'
                    THEN 0
                    WHEN "t119"."cgvhd_global_severity" = 'mild'
                    THEN 1
                    WHEN "t119"."cgvhd_global_severity" = 'moderate'
                    THEN 2
                    WHEN "t119"."cgvhd_global_severity" = 'severe'
                    THEN 3
                    ELSE CAST(NULL AS BIGINT)
                  END
                  WHEN (
                    "t119"."cgvhd_skin" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_mouth" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_eyes" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_gi" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_liver" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_lungs" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_joints" IS NOT NULL
                  )
                  OR (
                    "t119"."cgvhd_genital" IS NOT NULL
                  )
                  THEN CASE
                    WHEN (
                      COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 2
                    )
                    OR (
                      GREATEST(
                        COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0)
                      ) >= 3
                    )
                    THEN 3
                    WHEN (
                      COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) = 1
                    )
                    OR (
                      GREATEST(
                        COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0),
                        COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0)
                      ) = 2
                    )
                    OR (
                      (
                        CASE WHEN COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                      ) >= 3
                    )
                    THEN 2
                    WHEN (
                      CASE WHEN COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                    ) >= 1
                    THEN 1
                    ELSE 0
                  END
                  ELSE COALESCE(
                    CASE
                      WHEN "t119"."cgvhd_global_severity" = 'none'
                      THEN 0
                      WHEN "t119"."cgvhd_global_severity" = 'mild'
                      THEN 1
                      WHEN "t119"."cgvhd_global_severity" = 'moderate'
                      THEN 2
                      WHEN "t119"."cgvhd_global_severity" = 'severe'
                      THEN 3
                      ELSE CAST(NULL AS BIGINT)
                    END,
                    0
                  )
                END AS "cgvhd_rank",
                CAST(CASE
                  WHEN (
                    COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 2
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0)
                    ) >= 3
                  )
                  THEN 3
                  WHEN (
                    COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) = 1
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0),
                      COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0)
                    ) = 2
                  )
                  OR (
                    (
                      CASE WHEN COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                    ) >= 3
                  )
                  THEN 2
                  WHEN (
                    CASE WHEN COALESCE(CAST("t119"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t119"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t119"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                  ) >= 1
                  THEN 1
                  ELSE 0
                END AS BIGINT) AS "cgvhd_rank_computed",
                CASE
                  WHEN "t119"."cgvhd_global_severity" = 'none'
                  THEN 0
                  WHEN "t119"."cgvhd_global_severity" = 'mild'
                  THEN 1
                  WHEN "t119"."cgvhd_global_severity" = 'moderate'
                  THEN 2
                  WHEN "t119"."cgvhd_global_severity" = 'severe'
                  THEN 3
                  ELSE CAST(NULL AS BIGINT)
                END AS "cgvhd_rank_entered"
              FROM (
                SELECT
                  "t86"."patient_id",
                  "t86"."day",
                  "t86"."date",
                  "t86"."skin_bsa_pct",
                  "t86"."skin_bullae",
                  "t86"."skin_stage",
                  "t86"."bilirubin_mg_dl",
                  "t86"."liver_stage",
                  "t86"."upper_gi",
                  "t86"."stool_ml_day",
                  "t86"."stool_episodes_day",
                  "t86"."lower_gi_severe",
                  "t86"."lower_gi_stage",
                  "t86"."cgvhd_skin",
                  "t86"."cgvhd_mouth",
                  "t86"."cgvhd_eyes",
                  "t86"."cgvhd_gi",
                  "t86"."cgvhd_liver",
                  "t86"."cgvhd_lungs",
                  "t86"."cgvhd_joints",
                  "t86"."cgvhd_genital",
                  "t86"."systemic_therapy",
                  "t86"."gvhd_diagnosed",
                  "t86"."alternative_cause",
                  "t86"."alternative_cause_organ",
                  "t86"."agvhd_overall_grade",
                  "t86"."cgvhd_global_severity",
                  "t86"."cgvhd_diagnostic_sign",
                  "t86"."weight_kg",
                  "t86"."stool_ml_avg",
                  "t86"."stool_episodes_avg",
                  CASE
                    WHEN COALESCE("t86"."gvhd_diagnosed", TRUE)
                    AND NOT (
                      (
                        "t86"."alternative_cause" IS NOT NULL
                      )
                      AND (
                        (
                          "t86"."alternative_cause_organ" IS NULL
                        )
                        OR "t86"."alternative_cause_organ" IN ('skin', 'all')
                      )
                    )
                    THEN CASE
                      WHEN COALESCE("t86"."skin_bullae", FALSE)
                      THEN 4
                      WHEN "t86"."skin_bsa_pct" IS NOT NULL
                      THEN CASE
                        WHEN "t86"."skin_bsa_pct" <= 0.0
                        THEN 0
                        WHEN "t86"."skin_bsa_pct" < 25.0
                        THEN 1
                        WHEN "t86"."skin_bsa_pct" <= 50.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST("t86"."skin_stage" AS BIGINT)
                    END
                    ELSE CASE
                      WHEN CASE
                        WHEN COALESCE("t86"."skin_bullae", FALSE)
                        THEN 4
                        WHEN "t86"."skin_bsa_pct" IS NOT NULL
                        THEN CASE
                          WHEN "t86"."skin_bsa_pct" <= 0.0
                          THEN 0
                          WHEN "t86"."skin_bsa_pct" < 25.0
                          THEN 1
                          WHEN "t86"."skin_bsa_pct" <= 50.0
                          THEN 2
                          ELSE 3
                        END
                        ELSE CAST("t86"."skin_stage" AS BIGINT)
                      END IS NOT NULL
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END
                  END AS "skin",
                  CASE
                    WHEN COALESCE("t86"."gvhd_diagnosed", TRUE)
                    AND NOT (
                      (
                        "t86"."alternative_cause" IS NOT NULL
                      )
                      AND (
                        (
                          "t86"."alternative_cause_organ" IS NULL
                        )
                        OR "t86"."alternative_cause_organ" IN ('liver', 'all')
                      )
                    )
                    THEN CASE
                      WHEN "t86"."bilirubin_mg_dl" IS NOT NULL
                      THEN CASE
                        WHEN "t86"."bilirubin_mg_dl" < 2.0
                        THEN 0
                        WHEN "t86"."bilirubin_mg_dl" <= 3.0
                        THEN 1
                        WHEN "t86"."bilirubin_mg_dl" <= 6.0
                        THEN 2
                        WHEN "t86"."bilirubin_mg_dl" <= 15.0
                        THEN 3
                        ELSE 4
                      END
                      ELSE CAST("t86"."liver_stage" AS BIGINT)
                    END
                    ELSE CASE
                      WHEN CASE
                        WHEN "t86"."bilirubin_mg_dl" IS NOT NULL
                        THEN CASE
                          WHEN "t86"."bilirubin_mg_dl" < 2.0
                          THEN 0
                          WHEN "t86"."bilirubin_mg_dl" <= 3.0
                          THEN 1
                          WHEN "t86"."bilirubin_mg_dl" <= 6.0
                          THEN 2
                          WHEN "t86"."bilirubin_mg_dl" <= 15.0
                          THEN 3
                          ELSE 4
                        END
                        ELSE CAST("t86"."liver_stage" AS BIGINT)
                      END IS NOT NULL
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END
                  END AS "liver",
                  CASE
                    WHEN COALESCE("t86"."gvhd_diagnosed", TRUE)
                    AND NOT (
                      (
                        "t86"."alternative_cause" IS NOT NULL
                      )
                      AND (
                        (
                          "t86"."alternative_cause_organ" IS NULL
                        )
                        OR "t86"."alternative_cause_organ" IN ('upper_gi', 'all', 'gi')
                      )
                    )
                    THEN CASE
                      WHEN "t86"."upper_gi"
                      THEN 1
                      WHEN NOT (
                        "t86"."upper_gi"
                      )
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END
                    ELSE CASE
                      WHEN CASE
                        WHEN "t86"."upper_gi"
                        THEN 1
                        WHEN NOT (
                          "t86"."upper_gi"
                        )
                        THEN 0
                        ELSE CAST(NULL AS BIGINT)
                      END IS NOT NULL
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END
                  END AS "upper",
                  CASE
                    WHEN COALESCE("t86"."gvhd_diagnosed", TRUE)
                    AND NOT (
                      (
                        "t86"."alternative_cause" IS NOT NULL
                      )
                      AND (
                        (
                          "t86"."alternative_cause_organ" IS NULL
                        )
                        OR "t86"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                      )
                    )
                    THEN CASE
                      WHEN COALESCE("t86"."lower_gi_severe", FALSE)
                      THEN 4
                      WHEN (
                        "t86"."stool_ml_avg" IS NOT NULL
                      )
                      AND COALESCE("t86"."weight_kg" < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                        ) < 10.0
                        THEN 0
                        WHEN (
                          CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                        ) < 20.0
                        THEN 1
                        WHEN (
                          CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN "t86"."stool_ml_avg" IS NOT NULL
                      THEN CASE
                        WHEN "t86"."stool_ml_avg" < 500.0
                        THEN 0
                        WHEN "t86"."stool_ml_avg" < 1000.0
                        THEN 1
                        WHEN "t86"."stool_ml_avg" <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN (
                        "t86"."stool_episodes_avg" IS NOT NULL
                      )
                      AND COALESCE("t86"."weight_kg" < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          "t86"."stool_episodes_avg" * 3.0
                        ) < 10.0
                        THEN 0
                        WHEN (
                          "t86"."stool_episodes_avg" * 3.0
                        ) < 20.0
                        THEN 1
                        WHEN (
                          "t86"."stool_episodes_avg" * 3.0
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN "t86"."stool_episodes_avg" IS NOT NULL
                      THEN CASE
                        WHEN (
                          "t86"."stool_episodes_avg" * 200.0
                        ) < 500.0
                        THEN 0
                        WHEN (
                          "t86"."stool_episodes_avg" * 200.0
                        ) < 1000.0
                        THEN 1
                        WHEN (
                          "t86"."stool_episodes_avg" * 200.0
                        ) <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST("t86"."lower_gi_stage" AS BIGINT)
                    END
                    ELSE CASE
                      WHEN CASE
                        WHEN COALESCE("t86"."lower_gi_severe", FALSE)
                        THEN 4
                        WHEN (
                          "t86"."stool_ml_avg" IS NOT NULL
                        )
                        AND COALESCE("t86"."weight_kg" < 50.0, FALSE)
                        THEN CASE
                          WHEN (
                            CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                          ) < 10.0
                          THEN 0
                          WHEN (
                            CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                          ) < 20.0
                          THEN 1
                          WHEN (
                            CAST("t86"."stool_ml_avg" AS DOUBLE PRECISION) / "t86"."weight_kg"
                          ) <= 30.0
                          THEN 2
                          ELSE 3
                        END
                        WHEN "t86"."stool_ml_avg" IS NOT NULL
                        THEN CASE
                          WHEN "t86"."stool_ml_avg" < 500.0
                          THEN 0
                          WHEN "t86"."stool_ml_avg" < 1000.0
                          THEN 1
                          WHEN "t86"."stool_ml_avg" <= 1500.0
                          THEN 2
                          ELSE 3
                        END
                        WHEN (
                          "t86"."stool_episodes_avg" IS NOT NULL
                        )
                        AND COALESCE("t86"."weight_kg" < 50.0, FALSE)
                        THEN CASE
                          WHEN (
                            "t86"."stool_episodes_avg" * 3.0
                          ) < 10.0
                          THEN 0
                          WHEN (
                            "t86"."stool_episodes_avg" * 3.0
                          ) < 20.0
                          THEN 1
                          WHEN (
                            "t86"."stool_episodes_avg" * 3.0
                          ) <= 30.0
                          THEN 2
                          ELSE 3
                        END
                        WHEN "t86"."stool_episodes_avg" IS NOT NULL
                        THEN CASE
                          WHEN (
                            "t86"."stool_episodes_avg" * 200.0
                          ) < 500.0
                          THEN 0
                          WHEN (
                            "t86"."stool_episodes_avg" * 200.0
                          ) < 1000.0
                          THEN 1
                          WHEN (
                            "t86"."stool_episodes_avg" * 200.0
                          ) <= 1500.0
                          THEN 2
                          ELSE 3
                        END
                        ELSE CAST("t86"."lower_gi_stage" AS BIGINT)
                      END IS NOT NULL
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END
                  END AS "lower"
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
                    "t47"."weight_kg",
                    CASE
                      WHEN CASE
                        WHEN COALESCE("t47"."gvhd_diagnosed", TRUE)
                        AND NOT (
                          (
                            "t47"."alternative_cause" IS NOT NULL
                          )
                          AND (
                            (
                              "t47"."alternative_cause_organ" IS NULL
                            )
                            OR "t47"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                          )
                        )
                        THEN "t47"."stool_ml_day"
                        ELSE CAST(NULL AS DOUBLE PRECISION)
                      END IS NOT NULL
                      THEN AVG(
                        CASE
                          WHEN COALESCE("t47"."gvhd_diagnosed", TRUE)
                          AND NOT (
                            (
                              "t47"."alternative_cause" IS NOT NULL
                            )
                            AND (
                              (
                                "t47"."alternative_cause_organ" IS NULL
                              )
                              OR "t47"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                            )
                          )
                          THEN "t47"."stool_ml_day"
                          ELSE CAST(NULL AS DOUBLE PRECISION)
                        END
                      ) OVER (
                        PARTITION BY "t47"."patient_id"
                        ORDER BY "t47"."day" ASC
                        RANGE BETWEEN 2 preceding AND CURRENT ROW
                      )
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END AS "stool_ml_avg",
                    CASE
                      WHEN CASE
                        WHEN COALESCE("t47"."gvhd_diagnosed", TRUE)
                        AND NOT (
                          (
                            "t47"."alternative_cause" IS NOT NULL
                          )
                          AND (
                            (
                              "t47"."alternative_cause_organ" IS NULL
                            )
                            OR "t47"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                          )
                        )
                        THEN "t47"."stool_episodes_day"
                        ELSE CAST(NULL AS DOUBLE PRECISION)
                      END IS NOT NULL
                      THEN AVG(
                        CASE
                          WHEN COALESCE("t47"."gvhd_diagnosed", TRUE)
                          AND NOT (
                            (
                              "t47"."alternative_cause" IS NOT NULL
                            )
                            AND (
                              (
                                "t47"."alternative_cause_organ" IS NULL
                              )
                              OR "t47"."alternative_cause_organ" IN ('lower_gi', 'all', 'gi')
                            )
                          )
                          THEN "t47"."stool_episodes_day"
                          ELSE CAST(NULL AS DOUBLE PRECISION)
                        END
                      ) OVER (
                        PARTITION BY "t47"."patient_id"
                        ORDER BY "t47"."day" ASC
                        RANGE BETWEEN 2 preceding AND CURRENT ROW
                      )
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END AS "stool_episodes_avg"
                  FROM (
                    SELECT
                      "t36"."patient_id",
                      "t36"."day",
                      "t36"."date",
                      "t36"."skin_bsa_pct",
                      "t36"."skin_bullae",
                      "t36"."skin_stage",
                      "t36"."bilirubin_mg_dl",
                      "t36"."liver_stage",
                      "t36"."upper_gi",
                      "t36"."stool_ml_day",
                      "t36"."stool_episodes_day",
                      "t36"."lower_gi_severe",
                      "t36"."lower_gi_stage",
                      "t36"."cgvhd_skin",
                      "t36"."cgvhd_mouth",
                      "t36"."cgvhd_eyes",
                      "t36"."cgvhd_gi",
                      "t36"."cgvhd_liver",
                      "t36"."cgvhd_lungs",
                      "t36"."cgvhd_joints",
                      "t36"."cgvhd_genital",
                      "t36"."systemic_therapy",
                      "t36"."gvhd_diagnosed",
                      "t36"."alternative_cause",
                      "t36"."alternative_cause_organ",
                      "t36"."agvhd_overall_grade",
                      "t36"."cgvhd_global_severity",
                      "t36"."cgvhd_diagnostic_sign",
                      "t36"."weight_kg"
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
                        "t20"."patient_id" AS "patient_id_right",
                        "t20"."weight_kg"
                      FROM "gvhd_assessments" AS "t10"
                      LEFT OUTER JOIN (
                        SELECT
                          "t5"."patient_id",
                          "t5"."weight_kg"
                        FROM "patients" AS "t5"
                      ) AS "t20"
                        ON "t10"."patient_id" = "t20"."patient_id"
                    ) AS "t36"
                  ) AS "t47"
                ) AS "t86"
              ) AS "t119"
            ) AS "t164"
          ) AS "t193"
          GROUP BY
            1
        ) AS "t215"
      ) AS "t220"
        ON "t142"."patient_id" = "t220"."gvhd_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t229"."patient_id" AS "chimerism_patient_id",
          "t229"."allo_category",
          "t229"."allo_day",
          "t229"."allo_lineage",
          "t229"."allo_method",
          "t229"."mst_category",
          "t229"."mst_day",
          "t229"."mst_lineage",
          "t229"."mst_method",
          "t229"."microchimerism_first_day",
          "t229"."microchimerism_last_day",
          "t229"."graft_rejection_day",
          "t229"."graft_rejection_assay"
        FROM (
          SELECT
            "t227"."patient_id",
            "t227"."allo_category",
            "t227"."allo_day",
            "t227"."allo_lineage",
            "t227"."allo_method",
            "t227"."mst_category",
            "t227"."mst_day",
            "t227"."mst_lineage",
            "t227"."mst_method",
            "t227"."microchimerism_first_day",
            "t227"."microchimerism_last_day",
            "t227"."graft_rejection_day",
            "t227"."graft_rejection_assay"
          FROM (
            SELECT
              "t222"."patient_id",
              "t222"."allo_category",
              "t222"."allo_day",
              "t222"."allo_lineage",
              "t222"."allo_method",
              "t222"."mst_category",
              "t222"."mst_day",
              "t222"."mst_lineage",
              "t222"."mst_method",
              "t222"."microchimerism_first_day",
              "t222"."microchimerism_last_day",
              "t202"."patient_id" AS "patient_id_right",
              "t202"."graft_rejection_day",
              "t202"."graft_rejection_assay"
            FROM (
              SELECT
                "t218"."patient_id",
                "t218"."allo_category",
                "t218"."allo_day",
                "t218"."allo_lineage",
                "t218"."allo_method",
                "t218"."mst_category",
                "t218"."mst_day",
                "t218"."mst_lineage",
                "t218"."mst_method",
                "t218"."microchimerism_first_day",
                "t218"."microchimerism_last_day"
              FROM (
                SELECT
                  "t211"."patient_id",
                  "t211"."allo_category",
                  "t211"."allo_day",
                  "t211"."allo_lineage",
                  "t211"."allo_method",
                  "t114"."patient_id" AS "patient_id_right",
                  "t114"."mst_category",
                  "t114"."mst_day",
                  "t114"."mst_lineage",
                  "t114"."mst_method",
                  "t114"."microchimerism_first_day",
                  "t114"."microchimerism_last_day"
                FROM (
                  SELECT
                    "t208"."patient_id",
                    "t208"."allo_category",
                    "t208"."allo_day",
                    "t208"."allo_lineage",
                    "t208"."allo_method"
                  FROM (
                    SELECT
                      "t77"."patient_id",
                      "t189"."patient_id" AS "patient_id_right",
                      "t189"."allo_category",
                      "t189"."allo_day",
                      "t189"."allo_lineage",
                      "t189"."allo_method"
                    FROM (
                      SELECT DISTINCT
                        *
                      FROM (
                        SELECT
                          "t56"."patient_id"
                        FROM "t54" AS "t56"
                      ) AS "t66"
                    ) AS "t77"
                    LEFT OUTER JOIN (
                      SELECT
                        "t181"."patient_id",
                        "t181"."category" AS "allo_category",
                        "t181"."day" AS "allo_day",
                        "t181"."lineage" AS "allo_lineage",
                        "t181"."method" AS "allo_method"
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            "t165"."patient_id",
                            "t165"."day",
                            "t165"."category",
                            "t165"."lineage",
                            "t165"."method",
                            ROW_NUMBER() OVER (
                              PARTITION BY "t165"."patient_id"
                              ORDER BY "t165"."day" DESC NULLS LAST
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            ) - 1 AS "rank"
                          FROM "t160" AS "t165"
                        ) AS "t175"
                        WHERE
                          "t175"."rank" = 0
                      ) AS "t181"
                    ) AS "t189"
                      ON "t77"."patient_id" = "t189"."patient_id"
                  ) AS "t208"
                ) AS "t211"
                LEFT OUTER JOIN (
                  SELECT
                    "t88"."patient_id",
                    CASE
                      WHEN COALESCE("t88"."last_detected", FALSE) AND (
                        "t88"."last_level" >= 1.0
                      )
                      THEN 'macrochimerism'
                      WHEN (
                        "t88"."first_micro" IS NOT NULL
                      )
                      AND (
                        (
                          "t88"."last_micro" - "t88"."first_micro"
                        ) >= 28
                      )
                      THEN 'microchimerism_persistent'
                      WHEN "t88"."first_micro" IS NOT NULL
                      THEN 'microchimerism'
                      ELSE 'not_detected'
                    END AS "mst_category",
                    "t88"."last_day" AS "mst_day",
                    "t88"."lineage" AS "mst_lineage",
                    "t88"."method" AS "mst_method",
                    "t88"."first_micro" AS "microchimerism_first_day",
                    "t88"."last_micro" AS "microchimerism_last_day"
                  FROM (
                    SELECT
                      "t79"."patient_id",
                      MIN("t79"."day") FILTER(WHERE
                        "t79"."micro") AS "first_micro",
                      MAX("t79"."day") FILTER(WHERE
                        "t79"."micro") AS "last_micro",
                      MAX("t79"."day") AS "last_day",
                      MAX("t79"."level") FILTER(WHERE
                        "t79"."last_rank" = 0) AS "last_level",
                      BOOL_OR("t79"."detected") FILTER(WHERE
                        "t79"."last_rank" = 0) AS "last_detected",
                      MAX("t79"."lineage") FILTER(WHERE
                        "t79"."last_rank" = 0) AS "lineage",
                      MAX("t79"."method") FILTER(WHERE
                        "t79"."last_rank" = 0) AS "method"
                    FROM (
                      SELECT
                        "t56"."patient_id",
                        "t56"."day",
                        "t56"."lineage",
                        "t56"."method",
                        "t56"."detected",
                        "t56"."level",
                        "t56"."lineage_group",
                        "t56"."detected" AND (
                          "t56"."level" < 1.0
                        ) AS "micro",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t56"."patient_id"
                          ORDER BY "t56"."day" DESC NULLS LAST, "t56"."level" DESC NULLS LAST, "t56"."lineage" ASC, "t56"."method" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "last_rank"
                      FROM "t54" AS "t56"
                    ) AS "t79"
                    GROUP BY
                      1
                  ) AS "t88"
                ) AS "t114"
                  ON "t211"."patient_id" = "t114"."patient_id"
              ) AS "t218"
            ) AS "t222"
            LEFT OUTER JOIN (
              SELECT
                "t190"."patient_id",
                "t190"."day" AS "graft_rejection_day",
                "t190"."method" AS "graft_rejection_assay"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t172"."patient_id",
                    "t172"."day",
                    "t172"."category",
                    "t172"."lineage",
                    "t172"."method",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t172"."patient_id"
                      ORDER BY "t172"."day" ASC, "t172"."method" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "rank"
                  FROM (
                    SELECT
                      *
                    FROM "t160" AS "t165"
                    WHERE
                      "t165"."category" = 'donor_loss'
                  ) AS "t172"
                ) AS "t182"
                WHERE
                  "t182"."rank" = 0
              ) AS "t190"
            ) AS "t202"
              ON "t222"."patient_id" = "t202"."patient_id"
          ) AS "t227"
        ) AS "t229"
      ) AS "t233"
        ON "t142"."patient_id" = "t233"."chimerism_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t191"."patient_id" AS "best_response_patient_id",
          "t191"."best_response"
        FROM (
          SELECT
            "t180"."patient_id",
            CASE
              WHEN "t180"."best_rank" = 0
              THEN 'cr'
              WHEN "t180"."best_rank" = 1
              THEN 'crh'
              WHEN "t180"."best_rank" = 2
              THEN 'cri'
              WHEN "t180"."best_rank" = 3
              THEN 'mlfs'
              WHEN "t180"."best_rank" = 4
              THEN 'pr'
              WHEN "t180"."best_rank" = 5
              THEN 'sd'
              WHEN "t180"."best_rank" = 6
              THEN 'nr'
              ELSE 'not_assessed'
            END AS "best_response"
          FROM (
            SELECT
              "t171"."patient_id",
              MIN(
                CASE
                  WHEN "t171"."status" = 'cr'
                  THEN 0
                  WHEN "t171"."status" = 'crh'
                  THEN 1
                  WHEN "t171"."status" = 'cri'
                  THEN 2
                  WHEN "t171"."status" = 'mlfs'
                  THEN 3
                  WHEN "t171"."status" = 'pr'
                  THEN 4
                  WHEN "t171"."status" = 'sd'
                  THEN 5
                  WHEN "t171"."status" = 'nr'
                  THEN 6
                  ELSE 7
                END
              ) AS "best_rank"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t157"."patient_id",
                  "t157"."day",
                  "t157"."date",
                  "t157"."status",
                  "t157"."method",
                  "t157"."relapse_day",
                  "t157"."origin_day"
                FROM (
                  SELECT
                    "t26"."patient_id",
                    "t26"."day",
                    "t26"."date",
                    "t26"."status",
                    "t26"."method",
                    "t147"."patient_id" AS "patient_id_right",
                    "t147"."relapse_day",
                    "t147"."origin_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t3"
                    WHERE
                      "t3"."status" IN ('cr', 'crh', 'cri', 'mlfs', 'pr', 'sd', 'nr')
                  ) AS "t26"
                  LEFT OUTER JOIN (
                    SELECT
                      "t138"."patient_id",
                      "t138"."relapse_day",
                      "t138"."origin_day"
                    FROM "t132" AS "t138"
                  ) AS "t147"
                    ON "t26"."patient_id" = "t147"."patient_id"
                ) AS "t157"
              ) AS "t159"
              WHERE
                "t159"."day" >= 0
                AND (
                  (
                    "t159"."relapse_day" IS NULL
                  ) OR (
                    "t159"."day" < "t159"."relapse_day"
                  )
                )
            ) AS "t171"
            GROUP BY
              1
          ) AS "t180"
        ) AS "t191"
      ) AS "t203"
        ON "t142"."patient_id" = "t203"."best_response_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t49"."patient_id" AS "infections_patient_id",
          "t49"."infection_event_day",
          "t49"."infections_by_day100",
          "t49"."infection_bacterial_event_day",
          "t49"."infections_by_day100_bacterial",
          "t49"."infection_viral_event_day",
          "t49"."infections_by_day100_viral",
          "t49"."infection_fungal_event_day",
          "t49"."infections_by_day100_fungal",
          "t49"."infection_other_event_day",
          "t49"."infections_by_day100_other"
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
        ) AS "t49"
      ) AS "t62"
        ON "t142"."patient_id" = "t62"."infections_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t98"."patient_id" AS "immune_reconstitution_patient_id",
          "t98"."immune_reconstitution_event_day"
        FROM (
          SELECT
            "t92"."patient_id",
            "t92"."event_day" AS "immune_reconstitution_event_day"
          FROM (
            SELECT
              "t82"."patient_id",
              CAST(MIN("t82"."day") FILTER(WHERE
                "t82"."run_start") AS BIGINT) AS "event_day"
            FROM (
              SELECT
                "t59"."patient_id",
                "t59"."day",
                "t59"."value",
                "t59"."meets",
                "t59"."meets" AND TRUE AS "run_start",
                SUM(CASE WHEN "t59"."meets" THEN 0 ELSE 1 END) OVER (
                  PARTITION BY "t59"."patient_id"
                  ORDER BY "t59"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) > 0 AS "failed_before"
              FROM (
                SELECT
                  "t41"."patient_id",
                  "t41"."day",
                  "t41"."value",
                  "t41"."value" >= 0.2 AS "meets"
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
                ) AS "t41"
              ) AS "t59"
            ) AS "t82"
            GROUP BY
              1
          ) AS "t92"
        ) AS "t98"
      ) AS "t109"
        ON "t142"."patient_id" = "t109"."immune_reconstitution_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t99"."patient_id" AS "lymphocyte_recovery_patient_id",
          "t99"."lymphocyte_recovery_event_day"
        FROM (
          SELECT
            "t93"."patient_id",
            "t93"."event_day" AS "lymphocyte_recovery_event_day"
          FROM (
            SELECT
              "t83"."patient_id",
              CAST(MIN("t83"."day") FILTER(WHERE
                "t83"."run_start") AS BIGINT) AS "event_day"
            FROM (
              SELECT
                "t60"."patient_id",
                "t60"."day",
                "t60"."value",
                "t60"."meets",
                "t60"."meets" AND TRUE AS "run_start",
                SUM(CASE WHEN "t60"."meets" THEN 0 ELSE 1 END) OVER (
                  PARTITION BY "t60"."patient_id"
                  ORDER BY "t60"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) > 0 AS "failed_before"
              FROM (
                SELECT
                  "t42"."patient_id",
                  "t42"."day",
                  "t42"."value",
                  "t42"."value" >= 0.5 AS "meets"
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
                ) AS "t42"
              ) AS "t60"
            ) AS "t83"
            GROUP BY
              1
          ) AS "t93"
        ) AS "t99"
      ) AS "t110"
        ON "t142"."patient_id" = "t110"."lymphocyte_recovery_patient_id"
      LEFT OUTER JOIN (
        SELECT
          "t30"."patient_id" AS "serious_adverse_events_patient_id",
          "t30"."serious_adverse_event_attributed"
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
        ) AS "t30"
      ) AS "t40"
        ON "t142"."patient_id" = "t40"."serious_adverse_events_patient_id"
    ) AS "t273"
  ) AS "t274"
) AS "t275"
ORDER BY
  "t275"."patient_id" ASC

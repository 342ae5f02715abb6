WITH "t23" AS (
  SELECT
    "t6"."patient_id",
    "t6"."day"
  FROM "transfusions" AS "t6"
  WHERE
    "t6"."product" = 'platelets'
), "t39" AS (
  SELECT
    "t22"."patient_id",
    MIN("t22"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t6"."patient_id",
      "t6"."day"
    FROM "transfusions" AS "t6"
    WHERE
      "t6"."product" = 'platelets' AND "t6"."day" >= 0
  ) AS "t22"
  GROUP BY
    1
), "t40" AS (
  SELECT
    "t7"."patient_id",
    CAST("t7"."day" AS BIGINT) AS "day",
    "t7"."lineage",
    "t7"."method",
    (
      "t7"."donor_pct" IS NOT NULL
    )
    AND (
      (
        "t7"."lod_pct" IS NULL
      ) OR (
        "t7"."donor_pct" >= "t7"."lod_pct"
      )
    ) AS "detected",
    CASE
      WHEN (
        "t7"."donor_pct" IS NOT NULL
      )
      AND (
        (
          "t7"."lod_pct" IS NULL
        ) OR (
          "t7"."donor_pct" >= "t7"."lod_pct"
        )
      )
      THEN "t7"."donor_pct"
      ELSE 0.0
    END AS "level",
    CASE
      WHEN "t7"."lineage" IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN "t7"."lineage" IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS "lineage_group"
  FROM "chimerism" AS "t7"
  WHERE
    "t7"."day" > 0
), "t52" AS (
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
), "t74" AS (
  SELECT
    "t51"."patient_id",
    "t51"."day",
    COALESCE(
      "t51"."anc",
      CAST((
        "t51"."wbc" * (
          "t51"."seg" + COALESCE("t51"."bands", 0.0)
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
  ) AS "t51"
), "t85" AS (
  SELECT
    "t66"."patient_id",
    "t66"."day",
    "t66"."value",
    "t66"."platelet_engraftment_meets",
    "t66"."platelet50_engraftment_meets",
    "t66"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t66"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t66"."patient_id"
        ORDER BY "t66"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t66"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t66"."patient_id"
        ORDER BY "t66"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t66"."day", 1) OVER (
          PARTITION BY "t66"."patient_id"
          ORDER BY "t66"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t66"."day", 2) OVER (
          PARTITION BY "t66"."patient_id"
          ORDER BY "t66"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t66"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t66"."patient_id"
      ORDER BY "t66"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t66"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t66"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t66"."patient_id"
        ORDER BY "t66"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t66"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t66"."patient_id"
        ORDER BY "t66"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t66"."day", 1) OVER (
          PARTITION BY "t66"."patient_id"
          ORDER BY "t66"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t66"."day", 2) OVER (
          PARTITION BY "t66"."patient_id"
          ORDER BY "t66"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t66"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t66"."patient_id"
      ORDER BY "t66"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t58"."patient_id",
      "t58"."day",
      "t58"."value",
      "t58"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t58"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM "t52" AS "t58"
  ) AS "t66"
), "t104" AS (
  SELECT
    "t89"."patient_id",
    BOOL_OR(NOT (
      "t89"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t89"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t85" AS "t89"
  GROUP BY
    1
), "t119" AS (
  SELECT
    "t107"."patient_id",
    CAST(MIN("t107"."day") FILTER(WHERE
      "t107"."run_start" AND "t107"."failed_before") AS BIGINT) AS "day",
    BOOL_OR(NOT (
      "t107"."meets"
    )) AS "applicable"
  FROM (
    SELECT
      "t82"."patient_id",
      "t82"."day",
      "t82"."value",
      "t82"."meets",
      "t82"."meets"
      AND COALESCE(
        LEAD("t82"."meets", 1) OVER (
          PARTITION BY "t82"."patient_id"
          ORDER BY "t82"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t82"."meets", 2) OVER (
          PARTITION BY "t82"."patient_id"
          ORDER BY "t82"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD("t82"."day", 1) OVER (
            PARTITION BY "t82"."patient_id"
            ORDER BY "t82"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
        AND (
          LEAD("t82"."day", 2) OVER (
            PARTITION BY "t82"."patient_id"
            ORDER BY "t82"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
      ) AS "run_start",
      SUM(CASE WHEN "t82"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t82"."patient_id"
        ORDER BY "t82"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t76"."patient_id",
        "t76"."day",
        "t76"."value",
        "t76"."value" >= 0.5 AS "meets"
      FROM "t74" AS "t76"
      WHERE
        "t76"."value" IS NOT NULL
    ) AS "t82"
  ) AS "t107"
  GROUP BY
    1
), "t143" AS (
  SELECT
    "t123"."patient_id",
    "t123"."assessment_day" AS "day",
    CASE
      WHEN "t123"."max_level" < 5.0
      THEN 'donor_loss'
      WHEN "t123"."min_level" > 95.0
      THEN CASE
        WHEN "t123"."myeloid" AND "t123"."lymphoid"
        THEN 'full'
        WHEN "t123"."myeloid"
        THEN 'full_myeloid_only'
        WHEN "t123"."lymphoid"
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS "category",
    "t123"."lineage",
    "t123"."method"
  FROM (
    SELECT
      "t116"."patient_id",
      "t116"."assessment_day",
      MIN("t116"."level") AS "min_level",
      MAX("t116"."level") AS "max_level",
      BOOL_OR("t116"."lineage_group" = 'myeloid') AS "myeloid",
      BOOL_OR("t116"."lineage_group" = 'lymphoid') AS "lymphoid",
      MAX("t116"."lineage") FILTER(WHERE
        "t116"."low_rank" = 0) AS "lineage",
      MAX("t116"."method") FILTER(WHERE
        "t116"."low_rank" = 0) AS "method"
    FROM (
      SELECT
        "t103"."patient_id",
        "t103"."assessment_day",
        "t103"."day",
        "t103"."lineage",
        "t103"."method",
        "t103"."detected",
        "t103"."level",
        "t103"."lineage_group",
        "t103"."group_rank",
        ROW_NUMBER() OVER (
          PARTITION BY "t103"."patient_id", "t103"."assessment_day"
          ORDER BY "t103"."level" ASC, "t103"."lineage" ASC, "t103"."method" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "low_rank"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t78"."patient_id",
            "t78"."assessment_day",
            "t78"."day",
            "t78"."lineage",
            "t78"."method",
            "t78"."detected",
            "t78"."level",
            "t78"."lineage_group",
            ROW_NUMBER() OVER (
              PARTITION BY "t78"."patient_id", "t78"."assessment_day", "t78"."lineage_group"
              ORDER BY "t78"."day" DESC NULLS LAST, "t78"."level" ASC, "t78"."lineage" ASC, "t78"."method" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "group_rank"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t33"."patient_id",
                "t33"."assessment_day",
                "t55"."day",
                "t55"."lineage",
                "t55"."method",
                "t55"."detected",
                "t55"."level",
                "t55"."lineage_group"
              FROM (
                SELECT DISTINCT
                  "t7"."patient_id",
                  CAST("t7"."day" AS BIGINT) AS "assessment_day"
                FROM "chimerism" AS "t7"
                WHERE
                  "t7"."day" > 0
              ) AS "t33"
              INNER JOIN "t40" AS "t55"
                ON "t33"."patient_id" = "t55"."patient_id"
            ) AS "t69"
            WHERE
              "t69"."day" <= "t69"."assessment_day"
              AND "t69"."day" >= (
                "t69"."assessment_day" - 7
              )
          ) AS "t78"
        ) AS "t90"
        WHERE
          "t90"."group_rank" = 0
      ) AS "t103"
    ) AS "t116"
    GROUP BY
      1,
      2
  ) AS "t123"
), "t148" AS (
  SELECT
    "t140"."patient_id",
    "t140"."cutoff"
  FROM (
    SELECT
      "t121"."patient_id",
      CASE
        WHEN "t121"."graft_source" = 'bm'
        THEN 30
        WHEN "t121"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t121"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS "cutoff",
      "t121"."modality"
    FROM (
      SELECT
        "t118"."patient_id",
        "t118"."arm",
        "t118"."modality",
        "t118"."graft_source",
        "t118"."second_infusion_day",
        "t118"."weight_kg",
        "t118"."death_day",
        "t118"."censor_day",
        "t118"."relapse_day"
      FROM (
        SELECT
          "t109"."patient_id",
          "t109"."arm",
          "t109"."modality",
          "t109"."graft_source",
          "t109"."second_infusion_day",
          "t109"."weight_kg",
          "t109"."death_day",
          COALESCE("t109"."censor_day", CAST("t109"."last_lab_day" AS BIGINT), 0) AS "censor_day",
          "t109"."relapse_day",
          "t109"."last_lab_day"
        FROM (
          SELECT
            "t106"."patient_id",
            "t106"."arm",
            "t106"."modality",
            "t106"."graft_source",
            "t106"."second_infusion_day",
            "t106"."weight_kg",
            "t106"."death_day",
            "t106"."censor_day",
            "t106"."relapse_day",
            "t106"."last_lab_day"
          FROM (
            SELECT
              "t93"."patient_id",
              "t93"."arm",
              "t93"."modality",
              "t93"."graft_source",
              "t93"."second_infusion_day",
              "t93"."weight_kg",
              "t93"."death_day",
              "t93"."censor_day",
              "t93"."relapse_day",
              "t28"."patient_id" AS "patient_id_right",
              "t28"."last_lab_day"
            FROM (
              SELECT
                "t86"."patient_id",
                "t86"."arm",
                "t86"."modality",
                "t86"."graft_source",
                "t86"."second_infusion_day",
                "t86"."weight_kg",
                "t86"."death_day",
                "t86"."censor_day",
                "t86"."relapse_day"
              FROM (
                SELECT
                  "t79"."patient_id",
                  "t79"."arm",
                  "t79"."modality",
                  "t79"."graft_source",
                  "t79"."second_infusion_day",
                  "t79"."weight_kg",
                  "t79"."death_day",
                  "t79"."censor_day",
                  "t43"."patient_id" AS "patient_id_right",
                  "t43"."relapse_day"
                FROM (
                  SELECT
                    "t73"."patient_id",
                    "t73"."arm",
                    "t73"."modality",
                    "t73"."graft_source",
                    "t73"."second_infusion_day",
                    "t73"."weight_kg",
                    "t73"."death_day",
                    "t73"."censor_day"
                  FROM (
                    SELECT
                      "t61"."patient_id",
                      "t61"."arm",
                      "t61"."modality",
                      "t61"."graft_source",
                      "t61"."second_infusion_day",
                      "t61"."weight_kg",
                      "t47"."patient_id" AS "patient_id_right",
                      "t47"."death_day",
                      "t47"."censor_day"
                    FROM (
                      SELECT
                        "t56"."patient_id",
                        "t56"."arm",
                        "t56"."modality",
                        "t56"."graft_source",
                        "t56"."second_infusion_day",
                        "t56"."weight_kg"
                      FROM (
                        SELECT
                          "t34"."patient_id",
                          "t34"."arm",
                          "t34"."modality",
                          "t34"."graft_source",
                          "t34"."second_infusion_day",
                          "t21"."patient_id" AS "patient_id_right",
                          "t21"."weight_kg"
                        FROM (
                          SELECT
                            "t9"."patient_id",
                            COALESCE("t9"."arm", "t9"."modality") AS "arm",
                            "t9"."modality",
                            "t9"."graft_source",
                            CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                          FROM "treatments" AS "t9"
                        ) AS "t34"
                        LEFT OUTER JOIN (
                          SELECT
                            "t5"."patient_id",
                            "t5"."weight_kg"
                          FROM "patients" AS "t5"
                        ) AS "t21"
                          ON "t34"."patient_id" = "t21"."patient_id"
                      ) AS "t56"
                    ) AS "t61"
                    LEFT OUTER JOIN (
                      SELECT
                        "t8"."patient_id",
                        CASE
                          WHEN "t8"."vital_status" = 'dead'
                          THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END AS "death_day",
                        GREATEST(
                          "t8"."last_contact_day",
                          COALESCE(
                            CASE
                              WHEN "t8"."vital_status" = 'dead'
                              THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END,
                            "t8"."last_contact_day"
                          )
                        ) AS "censor_day"
                      FROM "followup" AS "t8"
                    ) AS "t47"
                      ON "t61"."patient_id" = "t47"."patient_id"
                  ) AS "t73"
                ) AS "t79"
                LEFT OUTER JOIN (
                  SELECT
                    "t19"."patient_id",
                    MIN("t19"."day") AS "relapse_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t4"
                    WHERE
                      "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                  ) AS "t19"
                  GROUP BY
                    1
                ) AS "t43"
                  ON "t79"."patient_id" = "t43"."patient_id"
              ) AS "t86"
            ) AS "t93"
            LEFT OUTER JOIN (
              SELECT
                "t2"."patient_id",
                MAX("t2"."day") AS "last_lab_day"
              FROM "labs" AS "t2"
              GROUP BY
                1
            ) AS "t28"
              ON "t93"."patient_id" = "t28"."patient_id"
          ) AS "t106"
        ) AS "t109"
      ) AS "t118"
    ) AS "t121"
  ) AS "t140"
  WHERE
    "t140"."cutoff" IS NOT NULL AND "t140"."modality" IN ('allo_hsct', 'auto_hsct')
), "t212" AS (
  SELECT
    "t204"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t204"."n_fell"
        ) THEN 0 ELSE "t204"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t204"."p_fell"
        ) THEN 0 ELSE "t204"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t204"."n_fell"
        ) THEN 0 ELSE "t204"."n_day" END,
        CASE WHEN NOT (
          "t204"."p_fell"
        ) THEN 0 ELSE "t204"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t204"."n_fell"
    ) THEN 0 ELSE "t204"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t204"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t202"."patient_id",
      "t202"."n_day",
      "t202"."n_fell",
      "t202"."p_day",
      "t202"."p_fell"
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
          "t149"."patient_id",
          "t149"."n_day",
          "t149"."n_fell"
        FROM (
          SELECT
            "t135"."patient_id",
            "t138"."patient_id" AS "patient_id_right",
            "t138"."n_day",
            "t138"."n_fell"
          FROM (
            SELECT
              "t121"."patient_id"
            FROM (
              SELECT
                "t118"."patient_id",
                "t118"."arm",
                "t118"."modality",
                "t118"."graft_source",
                "t118"."second_infusion_day",
                "t118"."weight_kg",
                "t118"."death_day",
                "t118"."censor_day",
                "t118"."relapse_day"
              FROM (
                SELECT
                  "t109"."patient_id",
                  "t109"."arm",
                  "t109"."modality",
                  "t109"."graft_source",
                  "t109"."second_infusion_day",
                  "t109"."weight_kg",
                  "t109"."death_day",
                  COALESCE("t109"."censor_day", CAST("t109"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                  "t109"."relapse_day",
                  "t109"."last_lab_day"
                FROM (
                  SELECT
                    "t106"."patient_id",
                    "t106"."arm",
                    "t106"."modality",
                    "t106"."graft_source",
                    "t106"."second_infusion_day",
                    "t106"."weight_kg",
                    "t106"."death_day",
                    "t106"."censor_day",
                    "t106"."relapse_day",
                    "t106"."last_lab_day"
                  FROM (
                    SELECT
                      "t93"."patient_id",
                      "t93"."arm",
                      "t93"."modality",
                      "t93"."graft_source",
                      "t93"."second_infusion_day",
                      "t93"."weight_kg",
                      "t93"."death_day",
                      "t93"."censor_day",
                      "t93"."relapse_day",
                      "t28"."patient_id" AS "patient_id_right",
                      "t28"."last_lab_day"
                    FROM (
                      SELECT
                        "t86"."patient_id",
                        "t86"."arm",
                        "t86"."modality",
                        "t86"."graft_source",
                        "t86"."second_infusion_day",
                        "t86"."weight_kg",
                        "t86"."death_day",
                        "t86"."censor_day",
                        "t86"."relapse_day"
                      FROM (
                        SELECT
                          "t79"."patient_id",
                          "t79"."arm",
                          "t79"."modality",
                          "t79"."graft_source",
                          "t79"."second_infusion_day",
                          "t79"."weight_kg",
                          "t79"."death_day",
                          "t79"."censor_day",
                          "t43"."patient_id" AS "patient_id_right",
                          "t43"."relapse_day"
                        FROM (
                          SELECT
                            "t73"."patient_id",
                            "t73"."arm",
                            "t73"."modality",
                            "t73"."graft_source",
                            "t73"."second_infusion_day",
                            "t73"."weight_kg",
                            "t73"."death_day",
                            "t73"."censor_day"
                          FROM (
                            SELECT
                              "t61"."patient_id",
                              "t61"."arm",
                              "t61"."modality",
                              "t61"."graft_source",
                              "t61"."second_infusion_day",
                              "t61"."weight_kg",
                              "t47"."patient_id" AS "patient_id_right",
                              "t47"."death_day",
                              "t47"."censor_day"
                            FROM (
                              SELECT
                                "t56"."patient_id",
                                "t56"."arm",
                                "t56"."modality",
                                "t56"."graft_source",
                                "t56"."second_infusion_day",
                                "t56"."weight_kg"
                              FROM (
                                SELECT
                                  "t34"."patient_id",
                                  "t34"."arm",
                                  "t34"."modality",
                                  "t34"."graft_source",
                                  "t34"."second_infusion_day",
                                  "t21"."patient_id" AS "patient_id_right",
                                  "t21"."weight_kg"
                                FROM (
                                  SELECT
                                    "t9"."patient_id",
                                    COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                    "t9"."modality",
                                    "t9"."graft_source",
                                    CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                  FROM "treatments" AS "t9"
                                ) AS "t34"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t5"."patient_id",
                                    "t5"."weight_kg"
                                  FROM "patients" AS "t5"
                                ) AS "t21"
                                  ON "t34"."patient_id" = "t21"."patient_id"
                              ) AS "t56"
                            ) AS "t61"
                            LEFT OUTER JOIN (
                              SELECT
                                "t8"."patient_id",
                                CASE
                                  WHEN "t8"."vital_status" = 'dead'
                                  THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END AS "death_day",
                                GREATEST(
                                  "t8"."last_contact_day",
                                  COALESCE(
                                    CASE
                                      WHEN "t8"."vital_status" = 'dead'
                                      THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END,
                                    "t8"."last_contact_day"
                                  )
                                ) AS "censor_day"
                              FROM "followup" AS "t8"
                            ) AS "t47"
                              ON "t61"."patient_id" = "t47"."patient_id"
                          ) AS "t73"
                        ) AS "t79"
                        LEFT OUTER JOIN (
                          SELECT
                            "t19"."patient_id",
                            MIN("t19"."day") AS "relapse_day"
                          FROM (
                            SELECT
                              *
                            FROM "disease_assessments" AS "t4"
                            WHERE
                              "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                          ) AS "t19"
                          GROUP BY
                            1
                        ) AS "t43"
                          ON "t79"."patient_id" = "t43"."patient_id"
                      ) AS "t86"
                    ) AS "t93"
                    LEFT OUTER JOIN (
                      SELECT
                        "t2"."patient_id",
                        MAX("t2"."day") AS "last_lab_day"
                      FROM "labs" AS "t2"
                      GROUP BY
                        1
                    ) AS "t28"
                      ON "t93"."patient_id" = "t28"."patient_id"
                  ) AS "t106"
                ) AS "t109"
              ) AS "t118"
            ) AS "t121"
          ) AS "t135"
          LEFT OUTER JOIN (
            SELECT
              "t122"."patient_id",
              "t122"."day" AS "n_day",
              "t122"."applicable" AS "n_fell"
            FROM "t119" AS "t122"
          ) AS "t138"
            ON "t135"."patient_id" = "t138"."patient_id"
        ) AS "t149"
      ) AS "t163"
      LEFT OUTER JOIN (
        SELECT
          "t181"."patient_id",
          "t181"."day" AS "p_day",
          COALESCE("t181"."platelet_engraftment_fell", FALSE)
          OR (
            "t181"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t176"."patient_id",
            "t176"."platelet_engraftment_fell",
            "t176"."platelet50_engraftment_fell",
            "t176"."first_transfusion_day",
            "t176"."day"
          FROM (
            SELECT
              "t164"."patient_id",
              "t164"."platelet_engraftment_fell",
              "t164"."platelet50_engraftment_fell",
              "t164"."first_transfusion_day",
              "t169"."patient_id" AS "patient_id_right",
              "t169"."day"
            FROM (
              SELECT
                "t155"."patient_id",
                "t155"."platelet_engraftment_fell",
                "t155"."platelet50_engraftment_fell",
                "t155"."first_transfusion_day"
              FROM (
                SELECT
                  "t141"."patient_id",
                  "t141"."platelet_engraftment_fell",
                  "t141"."platelet50_engraftment_fell",
                  "t54"."patient_id" AS "patient_id_right",
                  "t54"."first_transfusion_day"
                FROM (
                  SELECT
                    "t128"."patient_id",
                    "t128"."platelet_engraftment_fell",
                    "t128"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t117"."patient_id",
                      "t108"."patient_id" AS "patient_id_right",
                      "t108"."platelet_engraftment_fell",
                      "t108"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t105"."patient_id"
                        FROM "t104" AS "t105"
                      ) AS "t112"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t45"."patient_id"
                        FROM "t39" AS "t45"
                      ) AS "t59"
                    ) AS "t117"
                    LEFT OUTER JOIN "t104" AS "t108"
                      ON "t117"."patient_id" = "t108"."patient_id"
                  ) AS "t128"
                ) AS "t141"
                LEFT OUTER JOIN "t39" AS "t54"
                  ON "t141"."patient_id" = "t54"."patient_id"
              ) AS "t155"
            ) AS "t164"
            LEFT OUTER JOIN (
              SELECT
                "t151"."patient_id",
                CAST(MIN("t151"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t133"."patient_id",
                  "t133"."day",
                  "t133"."failed_before",
                  "t133"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t110"."patient_id",
                      "t110"."day",
                      "t110"."failed_before",
                      "t110"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t101"."patient_id",
                        "t101"."day",
                        "t101"."failed_before",
                        "t54"."patient_id" AS "patient_id_right",
                        "t54"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t89"."patient_id",
                          "t89"."day",
                          "t89"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t85" AS "t89"
                        WHERE
                          "t89"."platelet_engraftment_run_start"
                      ) AS "t101"
                      LEFT OUTER JOIN "t39" AS "t54"
                        ON "t101"."patient_id" = "t54"."patient_id"
                    ) AS "t110"
                  ) AS "t113"
                  WHERE
                    "t113"."failed_before"
                    OR COALESCE("t113"."first_transfusion_day" < "t113"."day", FALSE)
                ) AS "t133"
                WHERE
                  NOT EXISTS(
                    SELECT
                      1
                    FROM "t23" AS "t36"
                    WHERE
                      "t133"."patient_id" = "t36"."patient_id"
                      AND "t36"."day" <= "t133"."day"
                      AND "t36"."day" > (
                        "t133"."day" - 7
                      )
                  )
              ) AS "t151"
              GROUP BY
                1
            ) AS "t169"
              ON "t164"."patient_id" = "t169"."patient_id"
          ) AS "t176"
        ) AS "t181"
      ) AS "t198"
        ON "t163"."patient_id" = "t198"."patient_id"
    ) AS "t202"
  ) AS "t204"
)
SELECT
  "t253"."patient_id",
  "t253"."arm",
  "t253"."modality",
  CASE
    WHEN "t253"."neutrophil_engraftment_applicable"
    THEN CASE
      WHEN (
        "t253"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."neutrophil_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN "t253"."neutrophil_engraftment_event_day"
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN "t253"."engraftment_competing_day"
      ELSE "t253"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_day",
  CASE
    WHEN "t253"."neutrophil_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t253"."neutrophil_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."neutrophil_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "neutrophil_engraftment_status",
  "t253"."neutrophil_engraftment_applicable",
  CASE
    WHEN "t253"."platelet_engraftment_applicable"
    THEN CASE
      WHEN (
        "t253"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."platelet_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN "t253"."platelet_engraftment_event_day"
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN "t253"."engraftment_competing_day"
      ELSE "t253"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_day",
  CASE
    WHEN "t253"."platelet_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t253"."platelet_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."platelet_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet_engraftment_status",
  "t253"."platelet_engraftment_applicable",
  CASE
    WHEN "t253"."platelet50_engraftment_applicable"
    THEN CASE
      WHEN (
        "t253"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."platelet50_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN "t253"."platelet50_engraftment_event_day"
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN "t253"."engraftment_competing_day"
      ELSE "t253"."censor_day"
    END
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_day",
  CASE
    WHEN "t253"."platelet50_engraftment_applicable"
    THEN CAST(CASE
      WHEN (
        "t253"."platelet50_engraftment_event_day" IS NOT NULL
      )
      AND (
        (
          "t253"."engraftment_competing_day" IS NULL
        )
        OR (
          "t253"."platelet50_engraftment_event_day" <= "t253"."engraftment_competing_day"
        )
      )
      THEN 1
      WHEN "t253"."engraftment_competing_day" IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT)
    ELSE CAST(NULL AS BIGINT)
  END AS "platelet50_engraftment_status",
  "t253"."platelet50_engraftment_applicable",
  CASE
    WHEN (
      "t253"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."agvhd_2_4_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN "t253"."agvhd_2_4_event_day"
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN "t253"."gvhd_competing_day"
    ELSE "t253"."censor_day"
  END AS "agvhd_2_4_day",
  CAST(CASE
    WHEN (
      "t253"."agvhd_2_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."agvhd_2_4_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_2_4_status",
  CASE
    WHEN (
      "t253"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."agvhd_3_4_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN "t253"."agvhd_3_4_event_day"
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN "t253"."gvhd_competing_day"
    ELSE "t253"."censor_day"
  END AS "agvhd_3_4_day",
  CAST(CASE
    WHEN (
      "t253"."agvhd_3_4_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."agvhd_3_4_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "agvhd_3_4_status",
  CASE
    WHEN (
      "t253"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."cgvhd_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN "t253"."cgvhd_event_day"
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN "t253"."gvhd_competing_day"
    ELSE "t253"."censor_day"
  END AS "cgvhd_day",
  CAST(CASE
    WHEN (
      "t253"."cgvhd_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."gvhd_competing_day" IS NULL
      )
      OR (
        "t253"."cgvhd_event_day" <= "t253"."gvhd_competing_day"
      )
    )
    THEN 1
    WHEN "t253"."gvhd_competing_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "cgvhd_status",
  CASE
    WHEN (
      "t253"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."relapse_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."relapse_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "relapse_day",
  CAST(CASE
    WHEN (
      "t253"."relapse_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."relapse_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "relapse_status",
  CASE
    WHEN (
      "t253"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."relapse_day" IS NULL
      )
      OR (
        "t253"."nrm_event_day" <= "t253"."relapse_day"
      )
    )
    THEN "t253"."nrm_event_day"
    WHEN "t253"."relapse_day" IS NOT NULL
    THEN "t253"."relapse_day"
    ELSE "t253"."censor_day"
  END AS "nrm_day",
  CAST(CASE
    WHEN (
      "t253"."nrm_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."relapse_day" IS NULL
      )
      OR (
        "t253"."nrm_event_day" <= "t253"."relapse_day"
      )
    )
    THEN 1
    WHEN "t253"."relapse_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "nrm_status",
  CASE
    WHEN (
      "t253"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t253"."death_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t253"."censor_day"
  END AS "os_day",
  CAST(CASE
    WHEN (
      "t253"."death_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."death_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "os_status",
  CASE
    WHEN (
      "t253"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t253"."pfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t253"."censor_day"
  END AS "pfs_day",
  CAST(CASE
    WHEN (
      "t253"."pfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."pfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "pfs_status",
  CASE
    WHEN (
      "t253"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN "t253"."grfs_event_day"
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE "t253"."censor_day"
  END AS "grfs_day",
  CAST(CASE
    WHEN (
      "t253"."grfs_event_day" IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        "t253"."grfs_event_day" <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "grfs_status",
  CASE
    WHEN (
      "t253"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."infection_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "infection_day",
  CAST(CASE
    WHEN (
      "t253"."infection_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_status",
  CASE
    WHEN (
      "t253"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_bacterial_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."infection_bacterial_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "infection_bacterial_day",
  CAST(CASE
    WHEN (
      "t253"."infection_bacterial_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_bacterial_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_bacterial_status",
  CASE
    WHEN (
      "t253"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_viral_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."infection_viral_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "infection_viral_day",
  CAST(CASE
    WHEN (
      "t253"."infection_viral_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_viral_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_viral_status",
  CASE
    WHEN (
      "t253"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_fungal_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."infection_fungal_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "infection_fungal_day",
  CAST(CASE
    WHEN (
      "t253"."infection_fungal_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_fungal_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_fungal_status",
  CASE
    WHEN (
      "t253"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_other_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."infection_other_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "infection_other_day",
  CAST(CASE
    WHEN (
      "t253"."infection_other_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."infection_other_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "infection_other_status",
  CASE
    WHEN (
      "t253"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."immune_reconstitution_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."immune_reconstitution_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "immune_reconstitution_day",
  CAST(CASE
    WHEN (
      "t253"."immune_reconstitution_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."immune_reconstitution_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "immune_reconstitution_status",
  CASE
    WHEN (
      "t253"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."lymphocyte_recovery_event_day" <= "t253"."death_day"
      )
    )
    THEN "t253"."lymphocyte_recovery_event_day"
    WHEN "t253"."death_day" IS NOT NULL
    THEN "t253"."death_day"
    ELSE "t253"."censor_day"
  END AS "lymphocyte_recovery_day",
  CAST(CASE
    WHEN (
      "t253"."lymphocyte_recovery_event_day" IS NOT NULL
    )
    AND (
      (
        "t253"."death_day" IS NULL
      )
      OR (
        "t253"."lymphocyte_recovery_event_day" <= "t253"."death_day"
      )
    )
    THEN 1
    WHEN "t253"."death_day" IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS "lymphocyte_recovery_status",
  COALESCE("t253"."agvhd_max_grade", 0) AS "agvhd_max_grade",
  CASE
    WHEN COALESCE("t253"."cgvhd_max_rank", 0) = 0
    THEN 'none'
    WHEN COALESCE("t253"."cgvhd_max_rank", 0) = 1
    THEN 'mild'
    WHEN COALESCE("t253"."cgvhd_max_rank", 0) = 2
    THEN 'moderate'
    WHEN COALESCE("t253"."cgvhd_max_rank", 0) = 3
    THEN 'severe'
    ELSE 'none'
  END AS "cgvhd_max_severity",
  "t253"."primary_graft_failure",
  "t253"."secondary_graft_failure",
  "t253"."secondary_graft_failure_day",
  CASE
    WHEN NOT (
      "t253"."modality" = 'allo_hsct'
    )
    THEN 'not_applicable'
    WHEN "t253"."graft_rejection_day" IS NOT NULL
    THEN 'yes'
    WHEN "t253"."allo_day" IS NOT NULL
    THEN 'no'
    ELSE 'not_tested'
  END AS "graft_rejection",
  CASE
    WHEN "t253"."modality" = 'allo_hsct'
    THEN "t253"."graft_rejection_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "graft_rejection_day",
  CASE
    WHEN "t253"."modality" = 'allo_hsct'
    THEN "t253"."graft_rejection_assay"
    ELSE CAST(NULL AS VARCHAR)
  END AS "graft_rejection_assay",
  CASE
    WHEN (
      "t253"."allo_day" IS NOT NULL
    ) OR (
      "t253"."mst_day" IS NOT NULL
    )
    THEN CASE
      WHEN "t253"."modality" = 'mst'
      THEN "t253"."mst_category"
      ELSE "t253"."allo_category"
    END
    ELSE 'not_tested'
  END AS "chimerism_category",
  CASE WHEN "t253"."modality" = 'mst' THEN "t253"."mst_day" ELSE "t253"."allo_day" END AS "chimerism_day",
  CASE
    WHEN "t253"."modality" = 'mst'
    THEN "t253"."mst_method"
    ELSE "t253"."allo_method"
  END AS "chimerism_assay",
  CASE
    WHEN "t253"."modality" = 'mst'
    THEN "t253"."mst_lineage"
    ELSE "t253"."allo_lineage"
  END AS "chimerism_lineage",
  CASE
    WHEN "t253"."modality" = 'mst'
    THEN "t253"."microchimerism_first_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "microchimerism_first_day",
  CASE
    WHEN "t253"."modality" = 'mst'
    THEN "t253"."microchimerism_last_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "microchimerism_last_day",
  COALESCE("t253"."best_response", 'not_assessed') AS "best_response",
  COALESCE("t253"."best_response", 'not_assessed') IN ('cr') AS "cr_achieved",
  COALESCE("t253"."infections_by_day100", 0) AS "infections_by_day100",
  COALESCE("t253"."infections_by_day100_bacterial", 0) AS "infections_by_day100_bacterial",
  COALESCE("t253"."infections_by_day100_viral", 0) AS "infections_by_day100_viral",
  COALESCE("t253"."infections_by_day100_fungal", 0) AS "infections_by_day100_fungal",
  COALESCE("t253"."infections_by_day100_other", 0) AS "infections_by_day100_other",
  COALESCE("t253"."serious_adverse_event_attributed", FALSE) AS "serious_adverse_event_attributed"
FROM (
  SELECT
    "t252"."patient_id",
    "t252"."arm",
    "t252"."modality",
    "t252"."graft_source",
    "t252"."second_infusion_day",
    "t252"."weight_kg",
    "t252"."death_day",
    "t252"."censor_day",
    "t252"."relapse_day",
    "t252"."neutrophil_engraftment_event_day",
    "t252"."neutrophil_engraftment_fell",
    "t252"."platelet_engraftment_event_day",
    "t252"."platelet_engraftment_fell",
    "t252"."platelet50_engraftment_event_day",
    "t252"."platelet50_engraftment_fell",
    "t252"."primary_graft_failure",
    "t252"."secondary_graft_failure",
    "t252"."secondary_graft_failure_day",
    "t252"."agvhd_max_grade",
    "t252"."cgvhd_max_rank",
    "t252"."agvhd_2_4_event_day",
    "t252"."agvhd_3_4_event_day",
    "t252"."cgvhd_event_day",
    "t252"."grfs_agvhd_day",
    "t252"."grfs_cgvhd_day",
    "t252"."allo_category",
    "t252"."allo_day",
    "t252"."allo_lineage",
    "t252"."allo_method",
    "t252"."mst_category",
    "t252"."mst_day",
    "t252"."mst_lineage",
    "t252"."mst_method",
    "t252"."microchimerism_first_day",
    "t252"."microchimerism_last_day",
    "t252"."graft_rejection_day",
    "t252"."graft_rejection_assay",
    "t252"."best_response",
    "t252"."infection_event_day",
    "t252"."infections_by_day100",
    "t252"."infection_bacterial_event_day",
    "t252"."infections_by_day100_bacterial",
    "t252"."infection_viral_event_day",
    "t252"."infections_by_day100_viral",
    "t252"."infection_fungal_event_day",
    "t252"."infections_by_day100_fungal",
    "t252"."infection_other_event_day",
    "t252"."infections_by_day100_other",
    "t252"."immune_reconstitution_event_day",
    "t252"."lymphocyte_recovery_event_day",
    "t252"."serious_adverse_event_attributed",
    "t252"."death_day" AS "engraftment_competing_day",
    "t252"."death_day" AS "gvhd_competing_day",
    CASE
      WHEN (
        "t252"."relapse_day" IS NULL
      )
      OR (
        "t252"."death_day" < "t252"."relapse_day"
      )
      THEN "t252"."death_day"
      ELSE CAST(NULL AS BIGINT)
    END AS "nrm_event_day",
    NULLIF(
      LEAST(
        COALESCE(CAST("t252"."relapse_day" AS BIGINT), 1000000000),
        COALESCE("t252"."death_day", 1000000000)
      ),
      1000000000
    ) AS "pfs_event_day",
    NULLIF(
      LEAST(
        COALESCE("t252"."grfs_agvhd_day", 1000000000),
        COALESCE("t252"."grfs_cgvhd_day", 1000000000),
        COALESCE(CAST("t252"."relapse_day" AS BIGINT), 1000000000),
        COALESCE("t252"."death_day", 1000000000)
      ),
      1000000000
    ) AS "grfs_event_day",
    COALESCE("t252"."neutrophil_engraftment_fell", TRUE) AS "neutrophil_engraftment_applicable",
    COALESCE("t252"."platelet_engraftment_fell", TRUE) AS "platelet_engraftment_applicable",
    COALESCE("t252"."platelet50_engraftment_fell", TRUE) AS "platelet50_engraftment_applicable"
  FROM (
    SELECT
      "t124"."patient_id",
      "t124"."arm",
      "t124"."modality",
      "t124"."graft_source",
      "t124"."second_infusion_day",
      "t124"."weight_kg",
      "t124"."death_day",
      "t124"."censor_day",
      "t124"."relapse_day",
      "t137"."neutrophil_engraftment_event_day",
      "t137"."neutrophil_engraftment_fell",
      "t197"."platelet_engraftment_event_day",
      "t197"."platelet_engraftment_fell",
      "t199"."platelet50_engraftment_event_day",
      "t199"."platelet50_engraftment_fell",
      "t251"."primary_graft_failure",
      "t251"."secondary_graft_failure",
      "t251"."secondary_graft_failure_day",
      "t161"."agvhd_max_grade",
      "t161"."cgvhd_max_rank",
      "t161"."agvhd_2_4_event_day",
      "t161"."agvhd_3_4_event_day",
      "t161"."cgvhd_event_day",
      "t161"."grfs_agvhd_day",
      "t161"."grfs_cgvhd_day",
      "t215"."allo_category",
      "t215"."allo_day",
      "t215"."allo_lineage",
      "t215"."allo_method",
      "t215"."mst_category",
      "t215"."mst_day",
      "t215"."mst_lineage",
      "t215"."mst_method",
      "t215"."microchimerism_first_day",
      "t215"."microchimerism_last_day",
      "t215"."graft_rejection_day",
      "t215"."graft_rejection_assay",
      "t194"."best_response",
      "t65"."infection_event_day",
      "t65"."infections_by_day100",
      "t65"."infection_bacterial_event_day",
      "t65"."infections_by_day100_bacterial",
      "t65"."infection_viral_event_day",
      "t65"."infections_by_day100_viral",
      "t65"."infection_fungal_event_day",
      "t65"."infections_by_day100_fungal",
      "t65"."infection_other_event_day",
      "t65"."infections_by_day100_other",
      "t99"."immune_reconstitution_event_day",
      "t100"."lymphocyte_recovery_event_day",
      "t48"."serious_adverse_event_attributed"
    FROM (
      SELECT
        "t118"."patient_id",
        "t118"."arm",
        "t118"."modality",
        "t118"."graft_source",
        "t118"."second_infusion_day",
        "t118"."weight_kg",
        "t118"."death_day",
        "t118"."censor_day",
        "t118"."relapse_day"
      FROM (
        SELECT
          "t109"."patient_id",
          "t109"."arm",
          "t109"."modality",
          "t109"."graft_source",
          "t109"."second_infusion_day",
          "t109"."weight_kg",
          "t109"."death_day",
          COALESCE("t109"."censor_day", CAST("t109"."last_lab_day" AS BIGINT), 0) AS "censor_day",
          "t109"."relapse_day",
          "t109"."last_lab_day"
        FROM (
          SELECT
            "t106"."patient_id",
            "t106"."arm",
            "t106"."modality",
            "t106"."graft_source",
            "t106"."second_infusion_day",
            "t106"."weight_kg",
            "t106"."death_day",
            "t106"."censor_day",
            "t106"."relapse_day",
            "t106"."last_lab_day"
          FROM (
            SELECT
              "t93"."patient_id",
              "t93"."arm",
              "t93"."modality",
              "t93"."graft_source",
              "t93"."second_infusion_day",
              "t93"."weight_kg",
              "t93"."death_day",
              "t93"."censor_day",
              "t93"."relapse_day",
              "t28"."patient_id" AS "patient_id_right",
              "t28"."last_lab_day"
            FROM (
              SELECT
                "t86"."patient_id",
                "t86"."arm",
                "t86"."modality",
                "t86"."graft_source",
                "t86"."second_infusion_day",
                "t86"."weight_kg",
                "t86"."death_day",
                "t86"."censor_day",
                "t86"."relapse_day"
              FROM (
                SELECT
                  "t79"."patient_id",
                  "t79"."arm",
                  "t79"."modality",
                  "t79"."graft_source",
                  "t79"."second_infusion_day",
                  "t79"."weight_kg",
                  "t79"."death_day",
                  "t79"."censor_day",
                  "t43"."patient_id" AS "patient_id_right",
                  "t43"."relapse_day"
                FROM (
                  SELECT
                    "t73"."patient_id",
                    "t73"."arm",
                    "t73"."modality",
                    "t73"."graft_source",
                    "t73"."second_infusion_day",
                    "t73"."weight_kg",
                    "t73"."death_day",
                    "t73"."censor_day"
                  FROM (
                    SELECT
                      "t61"."patient_id",
                      "t61"."arm",
                      "t61"."modality",
                      "t61"."graft_source",
                      "t61"."second_infusion_day",
                      "t61"."weight_kg",
                      "t47"."patient_id" AS "patient_id_right",
                      "t47"."death_day",
                      "t47"."censor_day"
                    FROM (
                      SELECT
                        "t56"."patient_id",
                        "t56"."arm",
                        "t56"."modality",
                        "t56"."graft_source",
                        "t56"."second_infusion_day",
                        "t56"."weight_kg"
                      FROM (
                        SELECT
                          "t34"."patient_id",
                          "t34"."arm",
                          "t34"."modality",
                          "t34"."graft_source",
                          "t34"."second_infusion_day",
                          "t21"."patient_id" AS "patient_id_right",
                          "t21"."weight_kg"
                        FROM (
                          SELECT
                            "t9"."patient_id",
                            COALESCE("t9"."arm", "t9"."modality") AS "arm",
                            "t9"."modality",
                            "t9"."graft_source",
                            CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                          FROM "treatments" AS "t9"
                        ) AS "t34"
                        LEFT OUTER JOIN (
                          SELECT
                            "t5"."patient_id",
                            "t5"."weight_kg"
                          FROM "patients" AS "t5"
                        ) AS "t21"
                          ON "t34"."patient_id" = "t21"."patient_id"
                      ) AS "t56"
                    ) AS "t61"
                    LEFT OUTER JOIN (
                      SELECT
                        "t8"."patient_id",
                        CASE
                          WHEN "t8"."vital_status" = 'dead'
                          THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END AS "death_day",
                        GREATEST(
                          "t8"."last_contact_day",
                          COALESCE(
                            CASE
                              WHEN "t8"."vital_status" = 'dead'
                              THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END,
                            "t8"."last_contact_day"
                          )
                        ) AS "censor_day"
                      FROM "followup" AS "t8"
                    ) AS "t47"
                      ON "t61"."patient_id" = "t47"."patient_id"
                  ) AS "t73"
                ) AS "t79"
                LEFT OUTER JOIN (
                  SELECT
                    "t19"."patient_id",
                    MIN("t19"."day") AS "relapse_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t4"
                    WHERE
                      "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                  ) AS "t19"
                  GROUP BY
                    1
                ) AS "t43"
                  ON "t79"."patient_id" = "t43"."patient_id"
              ) AS "t86"
            ) AS "t93"
            LEFT OUTER JOIN (
              SELECT
                "t2"."patient_id",
                MAX("t2"."day") AS "last_lab_day"
              FROM "labs" AS "t2"
              GROUP BY
                1
            ) AS "t28"
              ON "t93"."patient_id" = "t28"."patient_id"
          ) AS "t106"
        ) AS "t109"
      ) AS "t118"
    ) AS "t124"
    LEFT OUTER JOIN (
      SELECT
        "t122"."patient_id" AS "neutrophil_engraftment_patient_id",
        "t122"."day" AS "neutrophil_engraftment_event_day",
        "t122"."applicable" AS "neutrophil_engraftment_fell"
      FROM "t119" AS "t122"
    ) AS "t137"
      ON "t124"."patient_id" = "t137"."neutrophil_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t181"."patient_id" AS "platelet_engraftment_patient_id",
        "t181"."day" AS "platelet_engraftment_event_day",
        COALESCE("t181"."platelet_engraftment_fell", FALSE)
        OR (
          "t181"."first_transfusion_day" IS NOT NULL
        ) AS "platelet_engraftment_fell"
      FROM (
        SELECT
          "t176"."patient_id",
          "t176"."platelet_engraftment_fell",
          "t176"."platelet50_engraftment_fell",
          "t176"."first_transfusion_day",
          "t176"."day"
        FROM (
          SELECT
            "t164"."patient_id",
            "t164"."platelet_engraftment_fell",
            "t164"."platelet50_engraftment_fell",
            "t164"."first_transfusion_day",
            "t169"."patient_id" AS "patient_id_right",
            "t169"."day"
          FROM (
            SELECT
              "t155"."patient_id",
              "t155"."platelet_engraftment_fell",
              "t155"."platelet50_engraftment_fell",
              "t155"."first_transfusion_day"
            FROM (
              SELECT
                "t141"."patient_id",
                "t141"."platelet_engraftment_fell",
                "t141"."platelet50_engraftment_fell",
                "t54"."patient_id" AS "patient_id_right",
                "t54"."first_transfusion_day"
              FROM (
                SELECT
                  "t128"."patient_id",
                  "t128"."platelet_engraftment_fell",
                  "t128"."platelet50_engraftment_fell"
                FROM (
                  SELECT
                    "t117"."patient_id",
                    "t108"."patient_id" AS "patient_id_right",
                    "t108"."platelet_engraftment_fell",
                    "t108"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t105"."patient_id"
                      FROM "t104" AS "t105"
                    ) AS "t112"
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t45"."patient_id"
                      FROM "t39" AS "t45"
                    ) AS "t59"
                  ) AS "t117"
                  LEFT OUTER JOIN "t104" AS "t108"
                    ON "t117"."patient_id" = "t108"."patient_id"
                ) AS "t128"
              ) AS "t141"
              LEFT OUTER JOIN "t39" AS "t54"
                ON "t141"."patient_id" = "t54"."patient_id"
            ) AS "t155"
          ) AS "t164"
          LEFT OUTER JOIN (
            SELECT
              "t151"."patient_id",
              CAST(MIN("t151"."day") AS BIGINT) AS "day"
            FROM (
              SELECT
                "t133"."patient_id",
                "t133"."day",
                "t133"."failed_before",
                "t133"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t110"."patient_id",
                    "t110"."day",
                    "t110"."failed_before",
                    "t110"."first_transfusion_day"
                  FROM (
                    SELECT
                      "t101"."patient_id",
                      "t101"."day",
                      "t101"."failed_before",
                      "t54"."patient_id" AS "patient_id_right",
                      "t54"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t89"."patient_id",
                        "t89"."day",
                        "t89"."platelet_engraftment_failed_before" AS "failed_before"
                      FROM "t85" AS "t89"
                      WHERE
                        "t89"."platelet_engraftment_run_start"
                    ) AS "t101"
                    LEFT OUTER JOIN "t39" AS "t54"
                      ON "t101"."patient_id" = "t54"."patient_id"
                  ) AS "t110"
                ) AS "t113"
                WHERE
                  "t113"."failed_before"
                  OR COALESCE("t113"."first_transfusion_day" < "t113"."day", FALSE)
              ) AS "t133"
              WHERE
                NOT EXISTS(
                  SELECT
                    1
                  FROM "t23" AS "t36"
                  WHERE
                    "t133"."patient_id" = "t36"."patient_id"
                    AND "t36"."day" <= "t133"."day"
                    AND "t36"."day" > (
                      "t133"."day" - 7
                    )
                )
            ) AS "t151"
            GROUP BY
              1
          ) AS "t169"
            ON "t164"."patient_id" = "t169"."patient_id"
        ) AS "t176"
      ) AS "t181"
    ) AS "t197"
      ON "t124"."patient_id" = "t197"."platelet_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t182"."patient_id" AS "platelet50_engraftment_patient_id",
        "t182"."day" AS "platelet50_engraftment_event_day",
        COALESCE("t182"."platelet50_engraftment_fell", FALSE)
        OR (
          "t182"."first_transfusion_day" IS NOT NULL
        ) AS "platelet50_engraftment_fell"
      FROM (
        SELECT
          "t177"."patient_id",
          "t177"."platelet_engraftment_fell",
          "t177"."platelet50_engraftment_fell",
          "t177"."first_transfusion_day",
          "t177"."day"
        FROM (
          SELECT
            "t164"."patient_id",
            "t164"."platelet_engraftment_fell",
            "t164"."platelet50_engraftment_fell",
            "t164"."first_transfusion_day",
            "t170"."patient_id" AS "patient_id_right",
            "t170"."day"
          FROM (
            SELECT
              "t155"."patient_id",
              "t155"."platelet_engraftment_fell",
              "t155"."platelet50_engraftment_fell",
              "t155"."first_transfusion_day"
            FROM (
              SELECT
                "t141"."patient_id",
                "t141"."platelet_engraftment_fell",
                "t141"."platelet50_engraftment_fell",
                "t54"."patient_id" AS "patient_id_right",
                "t54"."first_transfusion_day"
              FROM (
                SELECT
                  "t128"."patient_id",
                  "t128"."platelet_engraftment_fell",
                  "t128"."platelet50_engraftment_fell"
                FROM (
                  SELECT
                    "t117"."patient_id",
                    "t108"."patient_id" AS "patient_id_right",
                    "t108"."platelet_engraftment_fell",
                    "t108"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t105"."patient_id"
                      FROM "t104" AS "t105"
                    ) AS "t112"
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        "t45"."patient_id"
                      FROM "t39" AS "t45"
                    ) AS "t59"
                  ) AS "t117"
                  LEFT OUTER JOIN "t104" AS "t108"
                    ON "t117"."patient_id" = "t108"."patient_id"
                ) AS "t128"
              ) AS "t141"
              LEFT OUTER JOIN "t39" AS "t54"
                ON "t141"."patient_id" = "t54"."patient_id"
            ) AS "t155"
          ) AS "t164"
          LEFT OUTER JOIN (
            SELECT
              "t152"."patient_id",
              CAST(MIN("t152"."day") AS BIGINT) AS "day"
            FROM (
              SELECT
                "t134"."patient_id",
                "t134"."day",
                "t134"."failed_before",
                "t134"."first_transfusion_day"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t111"."patient_id",
                    "t111"."day",
                    "t111"."failed_before",
                    "t111"."first_transfusion_day"
                  FROM (
                    SELECT
                      "t102"."patient_id",
                      "t102"."day",
                      "t102"."failed_before",
                      "t54"."patient_id" AS "patient_id_right",
                      "t54"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t89"."patient_id",
                        "t89"."day",
                        "t89"."platelet50_engraftment_failed_before" AS "failed_before"
                      FROM "t85" AS "t89"
                      WHERE
                        "t89"."platelet50_engraftment_run_start"
                    ) AS "t102"
                    LEFT OUTER JOIN "t39" AS "t54"
                      ON "t102"."patient_id" = "t54"."patient_id"
                  ) AS "t111"
                ) AS "t114"
                WHERE
                  "t114"."failed_before"
                  OR COALESCE("t114"."first_transfusion_day" < "t114"."day", FALSE)
              ) AS "t134"
              WHERE
                NOT EXISTS(
                  SELECT
                    1
                  FROM "t23" AS "t36"
                  WHERE
                    "t134"."patient_id" = "t36"."patient_id"
                    AND "t36"."day" <= "t134"."day"
                    AND "t36"."day" > (
                      "t134"."day" - 7
                    )
                )
            ) AS "t152"
            GROUP BY
              1
          ) AS "t170"
            ON "t164"."patient_id" = "t170"."patient_id"
        ) AS "t177"
      ) AS "t182"
    ) AS "t199"
      ON "t124"."patient_id" = "t199"."platelet50_engraftment_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t249"."patient_id" AS "graft_failure_patient_id",
        CASE
          WHEN NOT (
            "t249"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t249"."graft_source" = 'bm'
                THEN 30
                WHEN "t249"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t249"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN (
            (
              "t249"."applicable" IS NOT NULL
            )
            AND NOT (
              COALESCE("t249"."applicable", TRUE)
            )
          )
          OR (
            (
              "t249"."day" IS NOT NULL
            )
            AND (
              "t249"."day" <= CASE
                WHEN "t249"."graft_source" = 'bm'
                THEN 30
                WHEN "t249"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t249"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END
            )
          )
          THEN 'no'
          WHEN "t249"."applicable" IS NULL
          THEN 'not_evaluable'
          WHEN "t249"."censor_day" < CASE
            WHEN "t249"."graft_source" = 'bm'
            THEN 30
            WHEN "t249"."graft_source" = 'pbsc'
            THEN 30
            WHEN "t249"."graft_source" = 'cord'
            THEN 42
            ELSE CAST(NULL AS BIGINT)
          END
          THEN 'not_evaluable'
          WHEN NOT (
            COALESCE("t249"."anc_low_near", FALSE)
          )
          THEN 'not_evaluable'
          WHEN "t249"."platelets_low_near"
          THEN 'yes'
          WHEN "t249"."platelets_seen_near"
          THEN 'no'
          ELSE 'not_evaluable'
        END AS "primary_graft_failure",
        CASE
          WHEN NOT (
            "t249"."modality" IN ('allo_hsct', 'auto_hsct')
            AND (
              CASE
                WHEN "t249"."graft_source" = 'bm'
                THEN 30
                WHEN "t249"."graft_source" = 'pbsc'
                THEN 30
                WHEN "t249"."graft_source" = 'cord'
                THEN 42
                ELSE CAST(NULL AS BIGINT)
              END IS NOT NULL
            )
          )
          THEN 'not_applicable'
          WHEN NOT (
            "t249"."recovered_day" IS NOT NULL
          )
          AND (
            TRUE
            AND COALESCE("t249"."neutrophils_recovered", FALSE)
            AND NOT (
              COALESCE("t249"."platelets_known", FALSE)
            )
          )
          THEN 'not_evaluable'
          WHEN NOT (
            "t249"."recovered_day" IS NOT NULL
          )
          THEN 'not_applicable'
          WHEN "t249"."decline_day" IS NOT NULL
          THEN 'yes'
          ELSE 'no'
        END AS "secondary_graft_failure",
        CASE
          WHEN "t249"."modality" IN ('allo_hsct', 'auto_hsct')
          AND (
            CASE
              WHEN "t249"."graft_source" = 'bm'
              THEN 30
              WHEN "t249"."graft_source" = 'pbsc'
              THEN 30
              WHEN "t249"."graft_source" = 'cord'
              THEN 42
              ELSE CAST(NULL AS BIGINT)
            END IS NOT NULL
          )
          THEN "t249"."decline_day"
          ELSE CAST(NULL AS BIGINT)
        END AS "secondary_graft_failure_day"
      FROM (
        SELECT
          "t248"."patient_id",
          "t248"."arm",
          "t248"."modality",
          "t248"."graft_source",
          "t248"."second_infusion_day",
          "t248"."weight_kg",
          "t248"."death_day",
          "t248"."censor_day",
          "t248"."relapse_day",
          "t248"."day",
          "t248"."applicable",
          "t248"."cutoff",
          "t248"."anc_low_near",
          "t248"."platelets_low_near",
          "t248"."platelets_seen_near",
          "t248"."recovered_day",
          "t248"."neutrophils_recovered",
          "t248"."platelets_known",
          "t248"."decline_day",
          "t248"."decline_kind",
          "t248"."explained"
        FROM (
          SELECT
            "t225"."patient_id",
            "t225"."arm",
            "t225"."modality",
            "t225"."graft_source",
            "t225"."second_infusion_day",
            "t225"."weight_kg",
            "t225"."death_day",
            "t225"."censor_day",
            "t225"."relapse_day",
            "t225"."day",
            "t225"."applicable",
            "t225"."cutoff",
            "t225"."anc_low_near",
            "t225"."platelets_low_near",
            "t225"."platelets_seen_near",
            "t247"."patient_id" AS "patient_id_right",
            "t247"."recovered_day",
            "t247"."neutrophils_recovered",
            "t247"."platelets_known",
            "t247"."decline_day",
            "t247"."decline_kind",
            "t247"."explained"
          FROM (
            SELECT
              "t221"."patient_id",
              "t221"."arm",
              "t221"."modality",
              "t221"."graft_source",
              "t221"."second_infusion_day",
              "t221"."weight_kg",
              "t221"."death_day",
              "t221"."censor_day",
              "t221"."relapse_day",
              "t221"."day",
              "t221"."applicable",
              "t221"."cutoff",
              "t221"."anc_low_near",
              "t221"."platelets_low_near",
              "t221"."platelets_seen_near"
            FROM (
              SELECT
                "t150"."patient_id",
                "t150"."arm",
                "t150"."modality",
                "t150"."graft_source",
                "t150"."second_infusion_day",
                "t150"."weight_kg",
                "t150"."death_day",
                "t150"."censor_day",
                "t150"."relapse_day",
                "t150"."day",
                "t150"."applicable",
                "t218"."patient_id" AS "patient_id_right",
                "t218"."cutoff",
                "t218"."anc_low_near",
                "t218"."platelets_low_near",
                "t218"."platelets_seen_near"
              FROM (
                SELECT
                  "t142"."patient_id",
                  "t142"."arm",
                  "t142"."modality",
                  "t142"."graft_source",
                  "t142"."second_infusion_day",
                  "t142"."weight_kg",
                  "t142"."death_day",
                  "t142"."censor_day",
                  "t142"."relapse_day",
                  "t142"."day",
                  "t142"."applicable"
                FROM (
                  SELECT
                    "t124"."patient_id",
                    "t124"."arm",
                    "t124"."modality",
                    "t124"."graft_source",
                    "t124"."second_infusion_day",
                    "t124"."weight_kg",
                    "t124"."death_day",
                    "t124"."censor_day",
                    "t124"."relapse_day",
                    "t125"."patient_id" AS "patient_id_right",
                    "t125"."day",
                    "t125"."applicable"
                  FROM (
                    SELECT
                      "t118"."patient_id",
                      "t118"."arm",
                      "t118"."modality",
                      "t118"."graft_source",
                      "t118"."second_infusion_day",
                      "t118"."weight_kg",
                      "t118"."death_day",
                      "t118"."censor_day",
                      "t118"."relapse_day"
                    FROM (
                      SELECT
                        "t109"."patient_id",
                        "t109"."arm",
                        "t109"."modality",
                        "t109"."graft_source",
                        "t109"."second_infusion_day",
                        "t109"."weight_kg",
                        "t109"."death_day",
                        COALESCE("t109"."censor_day", CAST("t109"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                        "t109"."relapse_day",
                        "t109"."last_lab_day"
                      FROM (
                        SELECT
                          "t106"."patient_id",
                          "t106"."arm",
                          "t106"."modality",
                          "t106"."graft_source",
                          "t106"."second_infusion_day",
                          "t106"."weight_kg",
                          "t106"."death_day",
                          "t106"."censor_day",
                          "t106"."relapse_day",
                          "t106"."last_lab_day"
                        FROM (
                          SELECT
                            "t93"."patient_id",
                            "t93"."arm",
                            "t93"."modality",
                            "t93"."graft_source",
                            "t93"."second_infusion_day",
                            "t93"."weight_kg",
                            "t93"."death_day",
                            "t93"."censor_day",
                            "t93"."relapse_day",
                            "t28"."patient_id" AS "patient_id_right",
                            "t28"."last_lab_day"
                          FROM (
                            SELECT
                              "t86"."patient_id",
                              "t86"."arm",
                              "t86"."modality",
                              "t86"."graft_source",
                              "t86"."second_infusion_day",
                              "t86"."weight_kg",
                              "t86"."death_day",
                              "t86"."censor_day",
                              "t86"."relapse_day"
                            FROM (
                              SELECT
                                "t79"."patient_id",
                                "t79"."arm",
                                "t79"."modality",
                                "t79"."graft_source",
                                "t79"."second_infusion_day",
                                "t79"."weight_kg",
                                "t79"."death_day",
                                "t79"."censor_day",
                                "t43"."patient_id" AS "patient_id_right",
                                "t43"."relapse_day"
                              FROM (
                                SELECT
                                  "t73"."patient_id",
                                  "t73"."arm",
                                  "t73"."modality",
                                  "t73"."graft_source",
                                  "t73"."second_infusion_day",
                                  "t73"."weight_kg",
                                  "t73"."death_day",
                                  "t73"."censor_day"
                                FROM (
                                  SELECT
                                    "t61"."patient_id",
                                    "t61"."arm",
                                    "t61"."modality",
                                    "t61"."graft_source",
                                    "t61"."second_infusion_day",
                                    "t61"."weight_kg",
                                    "t47"."patient_id" AS "patient_id_right",
                                    "t47"."death_day",
                                    "t47"."censor_day"
                                  FROM (
                                    SELECT
                                      "t56"."patient_id",
                                      "t56"."arm",
                                      "t56"."modality",
                                      "t56"."graft_source",
                                      "t56"."second_infusion_day",
                                      "t56"."weight_kg"
                                    FROM (
                                      SELECT
                                        "t34"."patient_id",
                                        "t34"."arm",
                                        "t34"."modality",
                                        "t34"."graft_source",
                                        "t34"."second_infusion_day",
                                        "t21"."patient_id" AS "patient_id_right",
                                        "t21"."weight_kg"
                                      FROM (
                                        SELECT
                                          "t9"."patient_id",
                                          COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                          "t9"."modality",
                                          "t9"."graft_source",
                                          CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                        FROM "treatments" AS "t9"
                                      ) AS "t34"
                                      LEFT OUTER JOIN (
                                        SELECT
                                          "t5"."patient_id",
                                          "t5"."weight_kg"
                                        FROM "patients" AS "t5"
                                      ) AS "t21"
                                        ON "t34"."patient_id" = "t21"."patient_id"
                                    ) AS "t56"
                                  ) AS "t61"
                                  LEFT OUTER JOIN (
                                    SELECT
                                      "t8"."patient_id",
                                      CASE
                                        WHEN "t8"."vital_status" = 'dead'
                                        THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                        ELSE CAST(NULL AS BIGINT)
                                      END AS "death_day",
                                      GREATEST(
                                        "t8"."last_contact_day",
                                        COALESCE(
                                          CASE
                                            WHEN "t8"."vital_status" = 'dead'
                                            THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                            ELSE CAST(NULL AS BIGINT)
                                          END,
                                          "t8"."last_contact_day"
                                        )
                                      ) AS "censor_day"
                                    FROM "followup" AS "t8"
                                  ) AS "t47"
                                    ON "t61"."patient_id" = "t47"."patient_id"
                                ) AS "t73"
                              ) AS "t79"
                              LEFT OUTER JOIN (
                                SELECT
                                  "t19"."patient_id",
                                  MIN("t19"."day") AS "relapse_day"
                                FROM (
                                  SELECT
                                    *
                                  FROM "disease_assessments" AS "t4"
                                  WHERE
                                    "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                                ) AS "t19"
                                GROUP BY
                                  1
                              ) AS "t43"
                                ON "t79"."patient_id" = "t43"."patient_id"
                            ) AS "t86"
                          ) AS "t93"
                          LEFT OUTER JOIN (
                            SELECT
                              "t2"."patient_id",
                              MAX("t2"."day") AS "last_lab_day"
                            FROM "labs" AS "t2"
                            GROUP BY
                              1
                          ) AS "t28"
                            ON "t93"."patient_id" = "t28"."patient_id"
                        ) AS "t106"
                      ) AS "t109"
                    ) AS "t118"
                  ) AS "t124"
                  LEFT OUTER JOIN "t119" AS "t125"
                    ON "t124"."patient_id" = "t125"."patient_id"
                ) AS "t142"
              ) AS "t150"
              LEFT OUTER JOIN (
                SELECT
                  "t211"."patient_id",
                  "t211"."cutoff",
                  COALESCE("t211"."anc_low_near", FALSE) AS "anc_low_near",
                  COALESCE("t211"."platelets_low_near", FALSE) AS "platelets_low_near",
                  COALESCE("t211"."platelets_seen_near", FALSE) AS "platelets_seen_near"
                FROM (
                  SELECT
                    "t210"."patient_id",
                    "t210"."cutoff",
                    "t210"."anc_low_near",
                    "t210"."platelets_low_near",
                    "t210"."platelets_seen_near"
                  FROM (
                    SELECT
                      "t207"."patient_id",
                      "t207"."cutoff",
                      "t207"."anc_low_near",
                      "t195"."patient_id" AS "patient_id_right",
                      "t195"."platelets_low_near",
                      "t195"."platelets_seen_near"
                    FROM (
                      SELECT
                        "t201"."patient_id",
                        "t201"."cutoff",
                        "t201"."anc_low_near"
                      FROM (
                        SELECT
                          "t157"."patient_id",
                          "t157"."cutoff",
                          "t196"."patient_id" AS "patient_id_right",
                          "t196"."anc_low_near"
                        FROM "t148" AS "t157"
                        LEFT OUTER JOIN (
                          SELECT
                            "t180"."patient_id",
                            BOOL_OR("t180"."value" < 0.5) AS "anc_low_near"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t84"."patient_id",
                                "t84"."day",
                                "t84"."value",
                                "t158"."cutoff"
                              FROM (
                                SELECT
                                  *
                                FROM "t74" AS "t76"
                                WHERE
                                  "t76"."value" IS NOT NULL
                              ) AS "t84"
                              INNER JOIN "t148" AS "t158"
                                ON "t84"."patient_id" = "t158"."patient_id"
                            ) AS "t172"
                            WHERE
                              "t172"."day" BETWEEN "t172"."cutoff" - 7 AND "t172"."cutoff"
                          ) AS "t180"
                          GROUP BY
                            1
                        ) AS "t196"
                          ON "t157"."patient_id" = "t196"."patient_id"
                      ) AS "t201"
                    ) AS "t207"
                    LEFT OUTER JOIN (
                      SELECT
                        "t179"."patient_id",
                        BOOL_OR("t179"."low") AS "platelets_low_near",
                        COUNT("t179"."day") > 0 AS "platelets_seen_near"
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            "t71"."patient_id",
                            "t71"."day",
                            "t71"."low",
                            "t158"."cutoff"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t58"."patient_id",
                                CAST("t58"."day" AS BIGINT) AS "day",
                                "t58"."value" < 20.0 AS "low"
                              FROM "t52" AS "t58"
                            ) AS "t67"
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
                            ) AS "t24"
                          ) AS "t71"
                          INNER JOIN "t148" AS "t158"
                            ON "t71"."patient_id" = "t158"."patient_id"
                        ) AS "t171"
                        WHERE
                          "t171"."day" BETWEEN "t171"."cutoff" - 7 AND "t171"."cutoff" + 7
                      ) AS "t179"
                      GROUP BY
                        1
                    ) AS "t195"
                      ON "t207"."patient_id" = "t195"."patient_id"
                  ) AS "t210"
                ) AS "t211"
              ) AS "t218"
                ON "t150"."patient_id" = "t218"."patient_id"
            ) AS "t221"
          ) AS "t225"
          LEFT OUTER JOIN (
            SELECT
              "t245"."patient_id",
              "t245"."recovered_day",
              "t245"."neutrophils_recovered",
              "t245"."platelets_known",
              "t245"."decline_day",
              "t245"."decline_kind",
              COALESCE("t245"."explained", FALSE) AS "explained"
            FROM (
              SELECT
                "t244"."patient_id",
                "t244"."recovered_day",
                "t244"."neutrophils_recovered",
                "t244"."platelets_known",
                "t244"."decline_day",
                "t244"."decline_kind",
                "t244"."explained"
              FROM (
                SELECT
                  "t243"."patient_id",
                  "t243"."recovered_day",
                  "t243"."neutrophils_recovered",
                  "t243"."platelets_known",
                  "t243"."decline_day",
                  "t243"."decline_kind",
                  "t237"."patient_id" AS "patient_id_right",
                  "t237"."explained"
                FROM (
                  SELECT
                    "t241"."patient_id",
                    "t241"."recovered_day",
                    "t241"."neutrophils_recovered",
                    "t241"."platelets_known",
                    "t241"."decline_day",
                    "t241"."decline_kind"
                  FROM (
                    SELECT
                      "t216"."patient_id",
                      "t216"."recovered_day",
                      "t216"."neutrophils_recovered",
                      "t216"."platelets_known",
                      "t240"."patient_id" AS "patient_id_right",
                      "t240"."decline_day",
                      "t240"."decline_kind"
                    FROM "t212" AS "t216"
                    LEFT OUTER JOIN (
                      SELECT
                        "t238"."patient_id",
                        "t238"."day" AS "decline_day",
                        "t238"."kind" AS "decline_kind"
                      FROM (
                        SELECT
                          "t235"."patient_id",
                          "t235"."day",
                          "t235"."kind",
                          ROW_NUMBER() OVER (
                            PARTITION BY "t235"."patient_id"
                            ORDER BY "t235"."day" ASC, "t235"."kind" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1 AS "rank"
                        FROM (
                          SELECT
                            "t233"."patient_id",
                            "t233"."day",
                            "t233"."kind"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t229"."patient_id",
                                CAST("t229"."day" AS BIGINT) AS "day",
                                'anc' AS "kind"
                              FROM (
                                SELECT
                                  "t226"."patient_id",
                                  "t226"."day",
                                  "t226"."value",
                                  "t226"."meets",
                                  "t226"."meets"
                                  AND COALESCE(
                                    LEAD("t226"."meets", 1) OVER (
                                      PARTITION BY "t226"."patient_id"
                                      ORDER BY "t226"."day" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ),
                                    FALSE
                                  )
                                  AND COALESCE(
                                    LEAD("t226"."meets", 2) OVER (
                                      PARTITION BY "t226"."patient_id"
                                      ORDER BY "t226"."day" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ),
                                    FALSE
                                  )
                                  AND (
                                    TRUE
                                    AND (
                                      LEAD("t226"."day", 1) OVER (
                                        PARTITION BY "t226"."patient_id"
                                        ORDER BY "t226"."day" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) IS NOT NULL
                                    )
                                    AND (
                                      LEAD("t226"."day", 2) OVER (
                                        PARTITION BY "t226"."patient_id"
                                        ORDER BY "t226"."day" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) IS NOT NULL
                                    )
                                  ) AS "run_start",
                                  SUM(CASE WHEN "t226"."meets" THEN 0 ELSE 1 END) OVER (
                                    PARTITION BY "t226"."patient_id"
                                    ORDER BY "t226"."day" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) > 0 AS "failed_before"
                                FROM (
                                  SELECT
                                    "t223"."patient_id",
                                    "t223"."day",
                                    "t223"."value",
                                    "t223"."value" < 0.5 AS "meets"
                                  FROM (
                                    SELECT
                                      "t84"."patient_id",
                                      "t84"."day",
                                      "t84"."value",
                                      "t220"."recovered_day"
                                    FROM (
                                      SELECT
                                        *
                                      FROM "t74" AS "t76"
                                      WHERE
                                        "t76"."value" IS NOT NULL
                                    ) AS "t84"
                                    INNER JOIN (
                                      SELECT
                                        "t214"."patient_id",
                                        "t214"."recovered_day"
                                      FROM "t212" AS "t214"
                                      WHERE
                                        "t214"."recovered_day" IS NOT NULL
                                    ) AS "t220"
                                      ON "t84"."patient_id" = "t220"."patient_id"
                                  ) AS "t223"
                                  WHERE
                                    "t223"."day" > "t223"."recovered_day"
                                ) AS "t226"
                              ) AS "t229"
                              WHERE
                                "t229"."run_start"
                            ) AS "t231"
                            UNION ALL
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t228"."patient_id",
                                "t228"."day",
                                'platelet_transfusions' AS "kind"
                              FROM (
                                SELECT
                                  "t227"."patient_id",
                                  "t227"."day",
                                  LEAD("t227"."day", 1) OVER (
                                    PARTITION BY "t227"."patient_id"
                                    ORDER BY "t227"."day" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                  ) AS "kth"
                                FROM (
                                  SELECT DISTINCT
                                    "t224"."patient_id",
                                    CAST("t224"."day" AS BIGINT) AS "day"
                                  FROM (
                                    SELECT
                                      "t37"."patient_id",
                                      "t37"."day",
                                      "t220"."recovered_day"
                                    FROM "t23" AS "t37"
                                    INNER JOIN (
                                      SELECT
                                        "t214"."patient_id",
                                        "t214"."recovered_day"
                                      FROM "t212" AS "t214"
                                      WHERE
                                        "t214"."recovered_day" IS NOT NULL
                                    ) AS "t220"
                                      ON "t37"."patient_id" = "t220"."patient_id"
                                  ) AS "t224"
                                  WHERE
                                    "t224"."day" > "t224"."recovered_day"
                                ) AS "t227"
                              ) AS "t228"
                              WHERE
                                (
                                  "t228"."kth" - "t228"."day"
                                ) <= 6
                            ) AS "t230"
                          ) AS "t233"
                          WHERE
                            NOT EXISTS(
                              SELECT
                                1
                              FROM (
                                SELECT
                                  "t4"."patient_id",
                                  CAST("t4"."day" AS BIGINT) AS "relapse_day"
                                FROM "disease_assessments" AS "t4"
                                WHERE
                                  "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                              ) AS "t30"
                              WHERE
                                "t233"."patient_id" = "t30"."patient_id"
                                AND "t30"."relapse_day" BETWEEN "t233"."day" - 14 AND "t233"."day" + 14
                            )
                        ) AS "t235"
                      ) AS "t238"
                      WHERE
                        "t238"."rank" = 0
                    ) AS "t240"
                      ON "t216"."patient_id" = "t240"."patient_id"
                  ) AS "t241"
                ) AS "t243"
                LEFT OUTER JOIN (
                  SELECT
                    "t234"."patient_id",
                    COUNT("t234"."day") > 0 AS "explained"
                  FROM (
                    SELECT
                      "t233"."patient_id",
                      "t233"."day",
                      "t233"."kind"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t229"."patient_id",
                          CAST("t229"."day" AS BIGINT) AS "day",
                          'anc' AS "kind"
                        FROM (
                          SELECT
                            "t226"."patient_id",
                            "t226"."day",
                            "t226"."value",
                            "t226"."meets",
                            "t226"."meets"
                            AND COALESCE(
                              LEAD("t226"."meets", 1) OVER (
                                PARTITION BY "t226"."patient_id"
                                ORDER BY "t226"."day" ASC
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                              ),
                              FALSE
                            )
                            AND COALESCE(
                              LEAD("t226"."meets", 2) OVER (
                                PARTITION BY "t226"."patient_id"
                                ORDER BY "t226"."day" ASC
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                              ),
                              FALSE
                            )
                            AND (
                              TRUE
                              AND (
                                LEAD("t226"."day", 1) OVER (
                                  PARTITION BY "t226"."patient_id"
                                  ORDER BY "t226"."day" ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                ) IS NOT NULL
                              )
                              AND (
                                LEAD("t226"."day", 2) OVER (
                                  PARTITION BY "t226"."patient_id"
                                  ORDER BY "t226"."day" ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                ) IS NOT NULL
                              )
                            ) AS "run_start",
                            SUM(CASE WHEN "t226"."meets" THEN 0 ELSE 1 END) OVER (
                              PARTITION BY "t226"."patient_id"
                              ORDER BY "t226"."day" ASC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                            ) > 0 AS "failed_before"
                          FROM (
                            SELECT
                              "t223"."patient_id",
                              "t223"."day",
                              "t223"."value",
                              "t223"."value" < 0.5 AS "meets"
                            FROM (
                              SELECT
                                "t84"."patient_id",
                                "t84"."day",
                                "t84"."value",
                                "t220"."recovered_day"
                              FROM (
                                SELECT
                                  *
                                FROM "t74" AS "t76"
                                WHERE
                                  "t76"."value" IS NOT NULL
                              ) AS "t84"
                              INNER JOIN (
                                SELECT
                                  "t214"."patient_id",
                                  "t214"."recovered_day"
                                FROM "t212" AS "t214"
                                WHERE
                                  "t214"."recovered_day" IS NOT NULL
                              ) AS "t220"
                                ON "t84"."patient_id" = "t220"."patient_id"
                            ) AS "t223"
                            WHERE
                              "t223"."day" > "t223"."recovered_day"
                          ) AS "t226"
                        ) AS "t229"
                        WHERE
                          "t229"."run_start"
                      ) AS "t231"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t228"."patient_id",
                          "t228"."day",
                          'platelet_transfusions' AS "kind"
                        FROM (
                          SELECT
                            "t227"."patient_id",
                            "t227"."day",
                            LEAD("t227"."day", 1) OVER (
                              PARTITION BY "t227"."patient_id"
                              ORDER BY "t227"."day" ASC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            ) AS "kth"
                          FROM (
                            SELECT DISTINCT
                              "t224"."patient_id",
                              CAST("t224"."day" AS BIGINT) AS "day"
                            FROM (
                              SELECT
                                "t37"."patient_id",
                                "t37"."day",
                                "t220"."recovered_day"
                              FROM "t23" AS "t37"
                              INNER JOIN (
                                SELECT
                                  "t214"."patient_id",
                                  "t214"."recovered_day"
                                FROM "t212" AS "t214"
                                WHERE
                                  "t214"."recovered_day" IS NOT NULL
                              ) AS "t220"
                                ON "t37"."patient_id" = "t220"."patient_id"
                            ) AS "t224"
                            WHERE
                              "t224"."day" > "t224"."recovered_day"
                          ) AS "t227"
                        ) AS "t228"
                        WHERE
                          (
                            "t228"."kth" - "t228"."day"
                          ) <= 6
                      ) AS "t230"
                    ) AS "t233"
                    WHERE
                      EXISTS(
                        SELECT
                          1
                        FROM (
                          SELECT
                            "t4"."patient_id",
                            CAST("t4"."day" AS BIGINT) AS "relapse_day"
                          FROM "disease_assessments" AS "t4"
                          WHERE
                            "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                        ) AS "t30"
                        WHERE
                          "t233"."patient_id" = "t30"."patient_id"
                          AND "t30"."relapse_day" BETWEEN "t233"."day" - 14 AND "t233"."day" + 14
                      )
                  ) AS "t234"
                  GROUP BY
                    1
                ) AS "t237"
                  ON "t243"."patient_id" = "t237"."patient_id"
              ) AS "t244"
            ) AS "t245"
          ) AS "t247"
            ON "t225"."patient_id" = "t247"."patient_id"
        ) AS "t248"
      ) AS "t249"
    ) AS "t251"
      ON "t124"."patient_id" = "t251"."graft_failure_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t145"."patient_id" AS "gvhd_patient_id",
        "t145"."agvhd_max_grade",
        "t145"."cgvhd_max_rank",
        "t145"."agvhd_2_4_event_day",
        "t145"."agvhd_3_4_event_day",
        "t145"."cgvhd_event_day",
        "t145"."grfs_agvhd_day",
        "t145"."grfs_cgvhd_day"
      FROM (
        SELECT
          "t120"."patient_id",
          MAX("t120"."agvhd_grade") AS "agvhd_max_grade",
          MAX("t120"."cgvhd_severity_rank") AS "cgvhd_max_rank",
          CAST(MIN("t120"."day") FILTER(WHERE
            (
              "t120"."day" >= 0
            ) AND (
              "t120"."agvhd_grade" >= 2
            )) AS BIGINT) AS "agvhd_2_4_event_day",
          CAST(MIN("t120"."day") FILTER(WHERE
            (
              "t120"."day" >= 0
            ) AND (
              "t120"."agvhd_grade" >= 3
            )) AS BIGINT) AS "agvhd_3_4_event_day",
          CAST(MIN("t120"."day") FILTER(WHERE
            (
              "t120"."day" >= 0
            ) AND (
              "t120"."cgvhd_severity_rank" >= 1
            )) AS BIGINT) AS "cgvhd_event_day",
          CAST(MIN("t120"."day") FILTER(WHERE
            (
              "t120"."day" >= 0
            ) AND (
              "t120"."agvhd_grade" >= 3
            )) AS BIGINT) AS "grfs_agvhd_day",
          CAST(MIN("t120"."day") FILTER(WHERE
            (
              "t120"."day" >= 0
            )
            AND (
              (
                "t120"."cgvhd_severity_rank" >= 1
              )
              AND COALESCE("t120"."systemic_therapy", FALSE)
            )) AS BIGINT) AS "grfs_cgvhd_day"
        FROM (
          SELECT
            "t72"."patient_id",
            "t72"."day",
            "t72"."date",
            "t72"."skin_bsa_pct",
            "t72"."skin_bullae",
            "t72"."skin_stage",
            "t72"."bilirubin_mg_dl",
            "t72"."liver_stage",
            "t72"."upper_gi",
            "t72"."stool_ml_day",
            "t72"."stool_episodes_day",
            "t72"."lower_gi_severe",
            "t72"."lower_gi_stage",
            "t72"."cgvhd_skin",
            "t72"."cgvhd_mouth",
            "t72"."cgvhd_eyes",
            "t72"."cgvhd_gi",
            "t72"."cgvhd_liver",
            "t72"."cgvhd_lungs",
            "t72"."cgvhd_joints",
            "t72"."cgvhd_genital",
            "t72"."systemic_therapy",
            "t72"."weight_kg",
            "t72"."skin",
            "t72"."liver",
            "t72"."upper",
            "t72"."lower",
            CAST(CASE
              WHEN (
                COALESCE("t72"."skin", 0) = 4
              )
              OR (
                COALESCE("t72"."liver", 0) = 4
              )
              OR (
                COALESCE("t72"."lower", 0) = 4
              )
              THEN 4
              WHEN COALESCE("t72"."liver", 0) IN (2, 3) OR (
                COALESCE("t72"."lower", 0) >= 2
              )
              THEN 3
              WHEN (
                COALESCE("t72"."skin", 0) = 3
              )
              OR (
                COALESCE("t72"."liver", 0) = 1
              )
              OR (
                COALESCE("t72"."upper", 0) = 1
              )
              OR (
                COALESCE("t72"."lower", 0) = 1
              )
              THEN 2
              WHEN COALESCE("t72"."skin", 0) IN (1, 2)
              THEN 1
              ELSE 0
            END AS BIGINT) AS "agvhd_grade",
            CAST(CASE
              WHEN (
                COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0) >= 2
              )
              OR (
                GREATEST(
                  COALESCE(CAST("t72"."cgvhd_skin" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_mouth" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_eyes" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_gi" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_liver" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_joints" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_genital" AS BIGINT), 0)
                ) >= 3
              )
              THEN 3
              WHEN (
                COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0) = 1
              )
              OR (
                GREATEST(
                  COALESCE(CAST("t72"."cgvhd_skin" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_mouth" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_eyes" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_gi" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_liver" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_joints" AS BIGINT), 0),
                  COALESCE(CAST("t72"."cgvhd_genital" AS BIGINT), 0)
                ) = 2
              )
              OR (
                (
                  CASE WHEN COALESCE(CAST("t72"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t72"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
                ) >= 3
              )
              THEN 2
              WHEN (
                CASE WHEN COALESCE(CAST("t72"."cgvhd_skin" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + 0 + CASE WHEN COALESCE(CAST("t72"."cgvhd_mouth" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_eyes" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_gi" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_liver" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_lungs" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_joints" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END + CASE WHEN COALESCE(CAST("t72"."cgvhd_genital" AS BIGINT), 0) >= 1 THEN 1 ELSE 0 END
              ) >= 1
              THEN 1
              ELSE 0
            END AS BIGINT) AS "cgvhd_severity_rank"
          FROM (
            SELECT
              "t53"."patient_id",
              "t53"."day",
              "t53"."date",
              "t53"."skin_bsa_pct",
              "t53"."skin_bullae",
              "t53"."skin_stage",
              "t53"."bilirubin_mg_dl",
              "t53"."liver_stage",
              "t53"."upper_gi",
              "t53"."stool_ml_day",
              "t53"."stool_episodes_day",
              "t53"."lower_gi_severe",
              "t53"."lower_gi_stage",
              "t53"."cgvhd_skin",
              "t53"."cgvhd_mouth",
              "t53"."cgvhd_eyes",
              "t53"."cgvhd_gi",
              "t53"."cgvhd_liver",
              "t53"."cgvhd_lungs",
              "t53"."cgvhd_joints",
              "t53"."cgvhd_genital",
              "t53"."systemic_therapy",
              "t53"."weight_kg",
              CASE
                WHEN COALESCE("t53"."skin_bullae", FALSE)
                THEN 4
                WHEN "t53"."skin_bsa_pct" IS NOT NULL
                THEN CASE
                  WHEN "t53"."skin_bsa_pct" <= 0.0
                  THEN 0
                  WHEN "t53"."skin_bsa_pct" < 25.0
                  THEN 1
                  WHEN "t53"."skin_bsa_pct" <= 50.0
                  THEN 2
                  ELSE 3
                END
                ELSE CAST("t53"."skin_stage" AS BIGINT)
              END AS "skin",
              CASE
                WHEN "t53"."bilirubin_mg_dl" IS NOT NULL
                THEN CASE
                  WHEN "t53"."bilirubin_mg_dl" < 2.0
                  THEN 0
                  WHEN "t53"."bilirubin_mg_dl" <= 3.0
                  THEN 1
                  WHEN "t53"."bilirubin_mg_dl" <= 6.0
                  THEN 2
                  WHEN "t53"."bilirubin_mg_dl" <= 15.0
                  THEN 3
                  ELSE 4
                END
                ELSE CAST("t53"."liver_stage" AS BIGINT)
              END AS "liver",
              CASE
                WHEN "t53"."upper_gi"
                THEN 1
                WHEN NOT (
                  "t53"."upper_gi"
                )
                THEN 0
                ELSE CAST(NULL AS BIGINT)
              END AS "upper",
              CASE
                WHEN COALESCE("t53"."lower_gi_severe", FALSE)
                THEN 4
                WHEN (
                  "t53"."stool_ml_day" IS NOT NULL
                )
                AND COALESCE("t53"."weight_kg" < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    CAST("t53"."stool_ml_day" AS DOUBLE PRECISION) / "t53"."weight_kg"
                  ) < 10.0
                  THEN 0
                  WHEN (
                    CAST("t53"."stool_ml_day" AS DOUBLE PRECISION) / "t53"."weight_kg"
                  ) < 20.0
                  THEN 1
                  WHEN (
                    CAST("t53"."stool_ml_day" AS DOUBLE PRECISION) / "t53"."weight_kg"
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN "t53"."stool_ml_day" IS NOT NULL
                THEN CASE
                  WHEN "t53"."stool_ml_day" < 500.0
                  THEN 0
                  WHEN "t53"."stool_ml_day" < 1000.0
                  THEN 1
                  WHEN "t53"."stool_ml_day" <= 1500.0
                  THEN 2
                  ELSE 3
                END
                WHEN (
                  "t53"."stool_episodes_day" IS NOT NULL
                )
                AND COALESCE("t53"."weight_kg" < 50.0, FALSE)
                THEN CASE
                  WHEN (
                    "t53"."stool_episodes_day" * 3.0
                  ) < 10.0
                  THEN 0
                  WHEN (
                    "t53"."stool_episodes_day" * 3.0
                  ) < 20.0
                  THEN 1
                  WHEN (
                    "t53"."stool_episodes_day" * 3.0
                  ) <= 30.0
                  THEN 2
                  ELSE 3
                END
                WHEN "t53"."stool_episodes_day" IS NOT NULL
                THEN CASE
                  WHEN (
                    "t53"."stool_episodes_day" * 200.0
                  ) < 500.0
                  THEN 0
                  WHEN (
                    "t53"."stool_episodes_day" * 200.0
                  ) < 1000.0
                  THEN 1
                  WHEN (
                    "t53"."stool_episodes_day" * 200.0
                  ) <= 1500.0
                  THEN 2
                  ELSE 3
                END
                ELSE CAST("t53"."lower_gi_stage" AS BIGINT)
              END AS "lower"
            FROM (
              SELECT
                "t44"."patient_id",
                "t44"."day",
                "t44"."date",
                "t44"."skin_bsa_pct",
                "t44"."skin_bullae",
                "t44"."skin_stage",
                "t44"."bilirubin_mg_dl",
                "t44"."liver_stage",
                "t44"."upper_gi",
                "t44"."stool_ml_day",
                "t44"."stool_episodes_day",
                "t44"."lower_gi_severe",
                "t44"."lower_gi_stage",
                "t44"."cgvhd_skin",
                "t44"."cgvhd_mouth",
                "t44"."cgvhd_eyes",
                "t44"."cgvhd_gi",
                "t44"."cgvhd_liver",
                "t44"."cgvhd_lungs",
                "t44"."cgvhd_joints",
                "t44"."cgvhd_genital",
                "t44"."systemic_therapy",
                "t44"."weight_kg"
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
                  "t21"."patient_id" AS "patient_id_right",
                  "t21"."weight_kg"
                FROM "gvhd_assessments" AS "t10"
                LEFT OUTER JOIN (
                  SELECT
                    "t5"."patient_id",
                    "t5"."weight_kg"
                  FROM "patients" AS "t5"
                ) AS "t21"
                  ON "t10"."patient_id" = "t21"."patient_id"
              ) AS "t44"
            ) AS "t53"
          ) AS "t72"
        ) AS "t120"
        GROUP BY
          1
      ) AS "t145"
    ) AS "t161"
      ON "t124"."patient_id" = "t161"."gvhd_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t209"."patient_id" AS "chimerism_patient_id",
        "t209"."allo_category",
        "t209"."allo_day",
        "t209"."allo_lineage",
        "t209"."allo_method",
        "t209"."mst_category",
        "t209"."mst_day",
        "t209"."mst_lineage",
        "t209"."mst_method",
        "t209"."microchimerism_first_day",
        "t209"."microchimerism_last_day",
        "t209"."graft_rejection_day",
        "t209"."graft_rejection_assay"
      FROM (
        SELECT
          "t208"."patient_id",
          "t208"."allo_category",
          "t208"."allo_day",
          "t208"."allo_lineage",
          "t208"."allo_method",
          "t208"."mst_category",
          "t208"."mst_day",
          "t208"."mst_lineage",
          "t208"."mst_method",
          "t208"."microchimerism_first_day",
          "t208"."microchimerism_last_day",
          "t208"."graft_rejection_day",
          "t208"."graft_rejection_assay"
        FROM (
          SELECT
            "t205"."patient_id",
            "t205"."allo_category",
            "t205"."allo_day",
            "t205"."allo_lineage",
            "t205"."allo_method",
            "t205"."mst_category",
            "t205"."mst_day",
            "t205"."mst_lineage",
            "t205"."mst_method",
            "t205"."microchimerism_first_day",
            "t205"."microchimerism_last_day",
            "t184"."patient_id" AS "patient_id_right",
            "t184"."graft_rejection_day",
            "t184"."graft_rejection_assay"
          FROM (
            SELECT
              "t200"."patient_id",
              "t200"."allo_category",
              "t200"."allo_day",
              "t200"."allo_lineage",
              "t200"."allo_method",
              "t200"."mst_category",
              "t200"."mst_day",
              "t200"."mst_lineage",
              "t200"."mst_method",
              "t200"."microchimerism_first_day",
              "t200"."microchimerism_last_day"
            FROM (
              SELECT
                "t193"."patient_id",
                "t193"."allo_category",
                "t193"."allo_day",
                "t193"."allo_lineage",
                "t193"."allo_method",
                "t98"."patient_id" AS "patient_id_right",
                "t98"."mst_category",
                "t98"."mst_day",
                "t98"."mst_lineage",
                "t98"."mst_method",
                "t98"."microchimerism_first_day",
                "t98"."microchimerism_last_day"
              FROM (
                SELECT
                  "t185"."patient_id",
                  "t185"."allo_category",
                  "t185"."allo_day",
                  "t185"."allo_lineage",
                  "t185"."allo_method"
                FROM (
                  SELECT
                    "t32"."patient_id",
                    "t175"."patient_id" AS "patient_id_right",
                    "t175"."allo_category",
                    "t175"."allo_day",
                    "t175"."allo_lineage",
                    "t175"."allo_method"
                  FROM (
                    SELECT DISTINCT
                      "t7"."patient_id"
                    FROM "chimerism" AS "t7"
                    WHERE
                      "t7"."day" > 0
                  ) AS "t32"
                  LEFT OUTER JOIN (
                    SELECT
                      "t167"."patient_id",
                      "t167"."category" AS "allo_category",
                      "t167"."day" AS "allo_day",
                      "t167"."lineage" AS "allo_lineage",
                      "t167"."method" AS "allo_method"
                    FROM (
                      SELECT
                        "t146"."patient_id",
                        "t146"."day",
                        "t146"."category",
                        "t146"."lineage",
                        "t146"."method",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t146"."patient_id"
                          ORDER BY "t146"."day" DESC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "rank"
                      FROM "t143" AS "t146"
                    ) AS "t167"
                    WHERE
                      "t167"."rank" = 0
                  ) AS "t175"
                    ON "t32"."patient_id" = "t175"."patient_id"
                ) AS "t185"
              ) AS "t193"
              LEFT OUTER JOIN (
                SELECT
                  "t77"."patient_id",
                  CASE
                    WHEN COALESCE("t77"."last_detected", FALSE) AND (
                      "t77"."last_level" >= 1.0
                    )
                    THEN 'macrochimerism'
                    WHEN (
                      "t77"."first_micro" IS NOT NULL
                    )
                    AND (
                      (
                        "t77"."last_micro" - "t77"."first_micro"
                      ) >= 28
                    )
                    THEN 'microchimerism_persistent'
                    WHEN "t77"."first_micro" IS NOT NULL
                    THEN 'microchimerism'
                    ELSE 'not_detected'
                  END AS "mst_category",
                  "t77"."last_day" AS "mst_day",
                  "t77"."lineage" AS "mst_lineage",
                  "t77"."method" AS "mst_method",
                  "t77"."first_micro" AS "microchimerism_first_day",
                  "t77"."last_micro" AS "microchimerism_last_day"
                FROM (
                  SELECT
                    "t68"."patient_id",
                    MIN("t68"."day") FILTER(WHERE
                      "t68"."micro") AS "first_micro",
                    MAX("t68"."day") FILTER(WHERE
                      "t68"."micro") AS "last_micro",
                    MAX("t68"."day") AS "last_day",
                    MAX("t68"."level") FILTER(WHERE
                      "t68"."last_rank" = 0) AS "last_level",
                    BOOL_OR("t68"."detected") FILTER(WHERE
                      "t68"."last_rank" = 0) AS "last_detected",
                    MAX("t68"."lineage") FILTER(WHERE
                      "t68"."last_rank" = 0) AS "lineage",
                    MAX("t68"."method") FILTER(WHERE
                      "t68"."last_rank" = 0) AS "method"
                  FROM (
                    SELECT
                      "t46"."patient_id",
                      "t46"."day",
                      "t46"."lineage",
                      "t46"."method",
                      "t46"."detected",
                      "t46"."level",
                      "t46"."lineage_group",
                      "t46"."detected" AND (
                        "t46"."level" < 1.0
                      ) AS "micro",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t46"."patient_id"
                        ORDER BY "t46"."day" DESC NULLS LAST, "t46"."level" DESC NULLS LAST, "t46"."lineage" ASC, "t46"."method" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "last_rank"
                    FROM "t40" AS "t46"
                  ) AS "t68"
                  GROUP BY
                    1
                ) AS "t77"
              ) AS "t98"
                ON "t193"."patient_id" = "t98"."patient_id"
            ) AS "t200"
          ) AS "t205"
          LEFT OUTER JOIN (
            SELECT
              "t174"."patient_id",
              "t174"."day" AS "graft_rejection_day",
              "t174"."method" AS "graft_rejection_assay"
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
                FROM "t143" AS "t146"
                WHERE
                  "t146"."category" = 'donor_loss'
              ) AS "t162"
            ) AS "t174"
            WHERE
              "t174"."rank" = 0
          ) AS "t184"
            ON "t205"."patient_id" = "t184"."patient_id"
        ) AS "t208"
      ) AS "t209"
    ) AS "t215"
      ON "t124"."patient_id" = "t215"."chimerism_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t178"."patient_id" AS "best_response_patient_id",
        CASE
          WHEN "t178"."best_rank" = 0
          THEN 'cr'
          WHEN "t178"."best_rank" = 1
          THEN 'cri'
          WHEN "t178"."best_rank" = 2
          THEN 'pr'
          WHEN "t178"."best_rank" = 3
          THEN 'sd'
          WHEN "t178"."best_rank" = 4
          THEN 'nr'
          ELSE 'not_assessed'
        END AS "best_response"
      FROM (
        SELECT
          "t168"."patient_id",
          MIN(
            CASE
              WHEN "t168"."status" = 'cr'
              THEN 0
              WHEN "t168"."status" = 'cri'
              THEN 1
              WHEN "t168"."status" = 'pr'
              THEN 2
              WHEN "t168"."status" = 'sd'
              THEN 3
              WHEN "t168"."status" = 'nr'
              THEN 4
              ELSE 5
            END
          ) AS "best_rank"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t147"."patient_id",
              "t147"."day",
              "t147"."date",
              "t147"."status",
              "t147"."method",
              "t147"."relapse_day"
            FROM (
              SELECT
                "t29"."patient_id",
                "t29"."day",
                "t29"."date",
                "t29"."status",
                "t29"."method",
                "t136"."patient_id" AS "patient_id_right",
                "t136"."relapse_day"
              FROM (
                SELECT
                  *
                FROM "disease_assessments" AS "t4"
                WHERE
                  "t4"."status" IN ('cr', 'cri', 'pr', 'sd', 'nr')
              ) AS "t29"
              LEFT OUTER JOIN (
                SELECT
                  "t121"."patient_id",
                  "t121"."relapse_day"
                FROM (
                  SELECT
                    "t118"."patient_id",
                    "t118"."arm",
                    "t118"."modality",
                    "t118"."graft_source",
                    "t118"."second_infusion_day",
                    "t118"."weight_kg",
                    "t118"."death_day",
                    "t118"."censor_day",
                    "t118"."relapse_day"
                  FROM (
                    SELECT
                      "t109"."patient_id",
                      "t109"."arm",
                      "t109"."modality",
                      "t109"."graft_source",
                      "t109"."second_infusion_day",
                      "t109"."weight_kg",
                      "t109"."death_day",
                      COALESCE("t109"."censor_day", CAST("t109"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                      "t109"."relapse_day",
                      "t109"."last_lab_day"
                    FROM (
                      SELECT
                        "t106"."patient_id",
                        "t106"."arm",
                        "t106"."modality",
                        "t106"."graft_source",
                        "t106"."second_infusion_day",
                        "t106"."weight_kg",
                        "t106"."death_day",
                        "t106"."censor_day",
                        "t106"."relapse_day",
                        "t106"."last_lab_day"
                      FROM (
                        SELECT
                          "t93"."patient_id",
                          "t93"."arm",
                          "t93"."modality",
                          "t93"."graft_source",
                          "t93"."second_infusion_day",
                          "t93"."weight_kg",
                          "t93"."death_day",
                          "t93"."censor_day",
                          "t93"."relapse_day",
                          "t28"."patient_id" AS "patient_id_right",
                          "t28"."last_lab_day"
                        FROM (
                          SELECT
                            "t86"."patient_id",
                            "t86"."arm",
                            "t86"."modality",
                            "t86"."graft_source",
                            "t86"."second_infusion_day",
                            "t86"."weight_kg",
                            "t86"."death_day",
                            "t86"."censor_day",
                            "t86"."relapse_day"
                          FROM (
                            SELECT
                              "t79"."patient_id",
                              "t79"."arm",
                              "t79"."modality",
                              "t79"."graft_source",
                              "t79"."second_infusion_day",
                              "t79"."weight_kg",
                              "t79"."death_day",
                              "t79"."censor_day",
                              "t43"."patient_id" AS "patient_id_right",
                              "t43"."relapse_day"
                            FROM (
                              SELECT
                                "t73"."patient_id",
                                "t73"."arm",
                                "t73"."modality",
                                "t73"."graft_source",
                                "t73"."second_infusion_day",
                                "t73"."weight_kg",
                                "t73"."death_day",
                                "t73"."censor_day"
                              FROM (
                                SELECT
                                  "t61"."patient_id",
                                  "t61"."arm",
                                  "t61"."modality",
                                  "t61"."graft_source",
                                  "t61"."second_infusion_day",
                                  "t61"."weight_kg",
                                  "t47"."patient_id" AS "patient_id_right",
                                  "t47"."death_day",
                                  "t47"."censor_day"
                                FROM (
                                  SELECT
                                    "t56"."patient_id",
                                    "t56"."arm",
                                    "t56"."modality",
                                    "t56"."graft_source",
                                    "t56"."second_infusion_day",
                                    "t56"."weight_kg"
                                  FROM (
                                    SELECT
                                      "t34"."patient_id",
                                      "t34"."arm",
                                      "t34"."modality",
                                      "t34"."graft_source",
                                      "t34"."second_infusion_day",
                                      "t21"."patient_id" AS "patient_id_right",
                                      "t21"."weight_kg"
                                    FROM (
                                      SELECT
                                        "t9"."patient_id",
                                        COALESCE("t9"."arm", "t9"."modality") AS "arm",
                                        "t9"."modality",
                                        "t9"."graft_source",
                                        CAST("t9"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                      FROM "treatments" AS "t9"
                                    ) AS "t34"
                                    LEFT OUTER JOIN (
                                      SELECT
                                        "t5"."patient_id",
                                        "t5"."weight_kg"
                                      FROM "patients" AS "t5"
                                    ) AS "t21"
                                      ON "t34"."patient_id" = "t21"."patient_id"
                                  ) AS "t56"
                                ) AS "t61"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t8"."patient_id",
                                    CASE
                                      WHEN "t8"."vital_status" = 'dead'
                                      THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END AS "death_day",
                                    GREATEST(
                                      "t8"."last_contact_day",
                                      COALESCE(
                                        CASE
                                          WHEN "t8"."vital_status" = 'dead'
                                          THEN COALESCE("t8"."death_day", "t8"."last_contact_day")
                                          ELSE CAST(NULL AS BIGINT)
                                        END,
                                        "t8"."last_contact_day"
                                      )
                                    ) AS "censor_day"
                                  FROM "followup" AS "t8"
                                ) AS "t47"
                                  ON "t61"."patient_id" = "t47"."patient_id"
                              ) AS "t73"
                            ) AS "t79"
                            LEFT OUTER JOIN (
                              SELECT
                                "t19"."patient_id",
                                MIN("t19"."day") AS "relapse_day"
                              FROM (
                                SELECT
                                  *
                                FROM "disease_assessments" AS "t4"
                                WHERE
                                  "t4"."status" IN ('relapse', 'progression') AND "t4"."day" > 0
                              ) AS "t19"
                              GROUP BY
                                1
                            ) AS "t43"
                              ON "t79"."patient_id" = "t43"."patient_id"
                          ) AS "t86"
                        ) AS "t93"
                        LEFT OUTER JOIN (
                          SELECT
                            "t2"."patient_id",
                            MAX("t2"."day") AS "last_lab_day"
                          FROM "labs" AS "t2"
                          GROUP BY
                            1
                        ) AS "t28"
                          ON "t93"."patient_id" = "t28"."patient_id"
                      ) AS "t106"
                    ) AS "t109"
                  ) AS "t118"
                ) AS "t121"
              ) AS "t136"
                ON "t29"."patient_id" = "t136"."patient_id"
            ) AS "t147"
          ) AS "t153"
          WHERE
            "t153"."day" >= 0
            AND (
              (
                "t153"."relapse_day" IS NULL
              ) OR (
                "t153"."day" < "t153"."relapse_day"
              )
            )
        ) AS "t168"
        GROUP BY
          1
      ) AS "t178"
    ) AS "t194"
      ON "t124"."patient_id" = "t194"."best_response_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t57"."patient_id" AS "infections_patient_id",
        "t57"."infection_event_day",
        "t57"."infections_by_day100",
        "t57"."infection_bacterial_event_day",
        "t57"."infections_by_day100_bacterial",
        "t57"."infection_viral_event_day",
        "t57"."infections_by_day100_viral",
        "t57"."infection_fungal_event_day",
        "t57"."infections_by_day100_fungal",
        "t57"."infection_other_event_day",
        "t57"."infections_by_day100_other"
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
      ) AS "t57"
    ) AS "t65"
      ON "t124"."patient_id" = "t65"."infections_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t87"."patient_id" AS "immune_reconstitution_patient_id",
        "t87"."event_day" AS "immune_reconstitution_event_day"
      FROM (
        SELECT
          "t80"."patient_id",
          CAST(MIN("t80"."day") FILTER(WHERE
            "t80"."run_start") AS BIGINT) AS "event_day"
        FROM (
          SELECT
            "t63"."patient_id",
            "t63"."day",
            "t63"."value",
            "t63"."meets",
            "t63"."meets" AND TRUE AS "run_start",
            SUM(CASE WHEN "t63"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t63"."patient_id"
              ORDER BY "t63"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t49"."patient_id",
              "t49"."day",
              "t49"."value",
              "t49"."value" >= 0.2 AS "meets"
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
            ) AS "t49"
          ) AS "t63"
        ) AS "t80"
        GROUP BY
          1
      ) AS "t87"
    ) AS "t99"
      ON "t124"."patient_id" = "t99"."immune_reconstitution_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t88"."patient_id" AS "lymphocyte_recovery_patient_id",
        "t88"."event_day" AS "lymphocyte_recovery_event_day"
      FROM (
        SELECT
          "t81"."patient_id",
          CAST(MIN("t81"."day") FILTER(WHERE
            "t81"."run_start") AS BIGINT) AS "event_day"
        FROM (
          SELECT
            "t64"."patient_id",
            "t64"."day",
            "t64"."value",
            "t64"."meets",
            "t64"."meets" AND TRUE AS "run_start",
            SUM(CASE WHEN "t64"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t64"."patient_id"
              ORDER BY "t64"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t50"."patient_id",
              "t50"."day",
              "t50"."value",
              "t50"."value" >= 0.5 AS "meets"
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
            ) AS "t50"
          ) AS "t64"
        ) AS "t81"
        GROUP BY
          1
      ) AS "t88"
    ) AS "t100"
      ON "t124"."patient_id" = "t100"."lymphocyte_recovery_patient_id"
    LEFT OUTER JOIN (
      SELECT
        "t35"."patient_id" AS "serious_adverse_events_patient_id",
        "t35"."serious_adverse_event_attributed"
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
      ) AS "t35"
    ) AS "t48"
      ON "t124"."patient_id" = "t48"."serious_adverse_events_patient_id"
  ) AS "t252"
) AS "t253"
ORDER BY
  "t253"."patient_id" ASC

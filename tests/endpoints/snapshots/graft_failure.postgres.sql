WITH "t12" AS (
  SELECT
    "t2"."patient_id",
    "t2"."day"
  FROM "transfusions" AS "t2"
  WHERE
    "t2"."product" = 'platelets'
), "t23" AS (
  SELECT
    "t13"."patient_id",
    MIN("t13"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t2"."patient_id",
      "t2"."day"
    FROM "transfusions" AS "t2"
    WHERE
      "t2"."product" = 'platelets' AND "t2"."day" >= 0
  ) AS "t13"
  GROUP BY
    1
), "t29" AS (
  SELECT
    "t8"."patient_id",
    "t8"."day",
    MIN(CASE WHEN "t8"."qualifier" = '<' THEN 0.0 ELSE "t8"."value" END) AS "value"
  FROM (
    SELECT
      *
    FROM "labs" AS "t0"
    WHERE
      "t0"."analyte" = 'plt' AND "t0"."day" >= 0
  ) AS "t8"
  GROUP BY
    1,
    2
), "t42" AS (
  SELECT
    "t28"."patient_id",
    "t28"."day",
    COALESCE(
      "t28"."anc",
      CAST((
        "t28"."wbc" * (
          "t28"."seg" + COALESCE("t28"."bands", 0.0)
        )
      ) AS DOUBLE PRECISION) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t7"."patient_id",
      "t7"."day",
      MIN(CASE WHEN "t7"."qualifier" = '<' THEN 0.0 ELSE "t7"."value" END) FILTER(WHERE
        "t7"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t7"."qualifier" = '<' THEN 0.0 ELSE "t7"."value" END) FILTER(WHERE
        "t7"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t7"."qualifier" = '<' THEN 0.0 ELSE "t7"."value" END) FILTER(WHERE
        "t7"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t7"."qualifier" = '<' THEN 0.0 ELSE "t7"."value" END) FILTER(WHERE
        "t7"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t0"
      WHERE
        "t0"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t0"."day" >= 0
    ) AS "t7"
    GROUP BY
      1,
      2
  ) AS "t28"
), "t49" AS (
  SELECT
    "t38"."patient_id",
    "t38"."day",
    "t38"."value",
    "t38"."platelet_engraftment_meets",
    "t38"."platelet50_engraftment_meets",
    "t38"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t38"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t38"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t38"."day", 1) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t38"."day", 2) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t38"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t38"."patient_id"
      ORDER BY "t38"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t38"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t38"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t38"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t38"."day", 1) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t38"."day", 2) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t38"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t38"."patient_id"
      ORDER BY "t38"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t33"."patient_id",
      "t33"."day",
      "t33"."value",
      "t33"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t33"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM "t29" AS "t33"
  ) AS "t38"
), "t56" AS (
  SELECT
    "t51"."patient_id",
    BOOL_OR(NOT (
      "t51"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t51"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t49" AS "t51"
  GROUP BY
    1
), "t70" AS (
  SELECT
    "t59"."patient_id",
    CAST(MIN("t59"."day") FILTER(WHERE
      "t59"."run_start" AND "t59"."failed_before") AS BIGINT) AS "day",
    BOOL_OR(NOT (
      "t59"."meets"
    )) AS "applicable"
  FROM (
    SELECT
      "t46"."patient_id",
      "t46"."day",
      "t46"."value",
      "t46"."meets",
      "t46"."meets"
      AND COALESCE(
        LEAD("t46"."meets", 1) OVER (
          PARTITION BY "t46"."patient_id"
          ORDER BY "t46"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t46"."meets", 2) OVER (
          PARTITION BY "t46"."patient_id"
          ORDER BY "t46"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD("t46"."day", 1) OVER (
            PARTITION BY "t46"."patient_id"
            ORDER BY "t46"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
        AND (
          LEAD("t46"."day", 2) OVER (
            PARTITION BY "t46"."patient_id"
            ORDER BY "t46"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
      ) AS "run_start",
      SUM(CASE WHEN "t46"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t46"."patient_id"
        ORDER BY "t46"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t44"."patient_id",
        "t44"."day",
        "t44"."value",
        "t44"."value" >= 0.5 AS "meets"
      FROM "t42" AS "t44"
      WHERE
        "t44"."value" IS NOT NULL
    ) AS "t46"
  ) AS "t59"
  GROUP BY
    1
), "t76" AS (
  SELECT
    "t69"."patient_id",
    "t69"."cutoff"
  FROM (
    SELECT
      "t61"."patient_id",
      CASE
        WHEN "t61"."graft_source" = 'bm'
        THEN 30
        WHEN "t61"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t61"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS "cutoff",
      "t61"."modality"
    FROM (
      SELECT
        "t58"."patient_id",
        "t58"."arm",
        "t58"."modality",
        "t58"."graft_source",
        "t58"."second_infusion_day",
        "t58"."treatment_start_day",
        "t58"."weight_kg",
        "t58"."randomisation_day",
        "t58"."death_day",
        "t58"."death_cause",
        "t58"."censor_day",
        "t58"."relapse_recorded_day",
        "t58"."last_lab_day"
      FROM (
        SELECT
          "t53"."patient_id",
          "t53"."arm",
          "t53"."modality",
          "t53"."graft_source",
          "t53"."second_infusion_day",
          "t53"."treatment_start_day",
          "t53"."weight_kg",
          "t53"."randomisation_day",
          "t53"."death_day",
          "t53"."death_cause",
          "t53"."censor_day",
          "t53"."relapse_recorded_day",
          "t16"."patient_id" AS "patient_id_right",
          "t16"."last_lab_day"
        FROM (
          SELECT
            "t50"."patient_id",
            "t50"."arm",
            "t50"."modality",
            "t50"."graft_source",
            "t50"."second_infusion_day",
            "t50"."treatment_start_day",
            "t50"."weight_kg",
            "t50"."randomisation_day",
            "t50"."death_day",
            "t50"."death_cause",
            "t50"."censor_day",
            "t50"."relapse_recorded_day"
          FROM (
            SELECT
              "t45"."patient_id",
              "t45"."arm",
              "t45"."modality",
              "t45"."graft_source",
              "t45"."second_infusion_day",
              "t45"."treatment_start_day",
              "t45"."weight_kg",
              "t45"."randomisation_day",
              "t45"."death_day",
              "t45"."death_cause",
              "t45"."censor_day",
              "t30"."patient_id" AS "patient_id_right",
              "t30"."relapse_recorded_day"
            FROM (
              SELECT
                "t41"."patient_id",
                "t41"."arm",
                "t41"."modality",
                "t41"."graft_source",
                "t41"."second_infusion_day",
                "t41"."treatment_start_day",
                "t41"."weight_kg",
                "t41"."randomisation_day",
                "t41"."death_day",
                "t41"."death_cause",
                "t41"."censor_day"
              FROM (
                SELECT
                  "t36"."patient_id",
                  "t36"."arm",
                  "t36"."modality",
                  "t36"."graft_source",
                  "t36"."second_infusion_day",
                  "t36"."treatment_start_day",
                  "t36"."weight_kg",
                  "t36"."randomisation_day",
                  "t27"."patient_id" AS "patient_id_right",
                  "t27"."death_day",
                  "t27"."death_cause",
                  "t27"."censor_day"
                FROM (
                  SELECT
                    "t32"."patient_id",
                    "t32"."arm",
                    "t32"."modality",
                    "t32"."graft_source",
                    "t32"."second_infusion_day",
                    "t32"."treatment_start_day",
                    "t32"."weight_kg",
                    "t32"."randomisation_day"
                  FROM (
                    SELECT
                      "t19"."patient_id",
                      "t19"."arm",
                      "t19"."modality",
                      "t19"."graft_source",
                      "t19"."second_infusion_day",
                      "t19"."treatment_start_day",
                      "t20"."patient_id" AS "patient_id_right",
                      "t20"."weight_kg",
                      "t20"."randomisation_day"
                    FROM (
                      SELECT
                        "t4"."patient_id",
                        COALESCE("t4"."arm", "t4"."modality") AS "arm",
                        "t4"."modality",
                        "t4"."graft_source",
                        CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                        CAST("t4"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                      FROM "treatments" AS "t4"
                    ) AS "t19"
                    LEFT OUTER JOIN (
                      SELECT
                        "t5"."patient_id",
                        "t5"."weight_kg",
                        CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                      FROM "patients" AS "t5"
                    ) AS "t20"
                      ON "t19"."patient_id" = "t20"."patient_id"
                  ) AS "t32"
                ) AS "t36"
                LEFT OUTER JOIN (
                  SELECT
                    "t3"."patient_id",
                    CASE
                      WHEN "t3"."vital_status" = 'dead'
                      THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                      ELSE CAST(NULL AS BIGINT)
                    END AS "death_day",
                    CASE
                      WHEN "t3"."vital_status" = 'dead'
                      THEN "t3"."cause"
                      ELSE CAST(NULL AS VARCHAR)
                    END AS "death_cause",
                    GREATEST(
                      "t3"."last_contact_day",
                      COALESCE(
                        CASE
                          WHEN "t3"."vital_status" = 'dead'
                          THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END,
                        "t3"."last_contact_day"
                      )
                    ) AS "censor_day"
                  FROM "followup" AS "t3"
                ) AS "t27"
                  ON "t36"."patient_id" = "t27"."patient_id"
              ) AS "t41"
            ) AS "t45"
            LEFT OUTER JOIN (
              SELECT
                "t10"."patient_id",
                CAST(MIN("t10"."day") AS BIGINT) AS "relapse_recorded_day"
              FROM (
                SELECT
                  *
                FROM "disease_assessments" AS "t1"
                WHERE
                  "t1"."status" IN ('relapse', 'progression') AND "t1"."day" > 0
              ) AS "t10"
              GROUP BY
                1
            ) AS "t30"
              ON "t45"."patient_id" = "t30"."patient_id"
          ) AS "t50"
        ) AS "t53"
        LEFT OUTER JOIN (
          SELECT
            "t0"."patient_id",
            MAX("t0"."day") AS "last_lab_day"
          FROM "labs" AS "t0"
          GROUP BY
            1
        ) AS "t16"
          ON "t53"."patient_id" = "t16"."patient_id"
      ) AS "t58"
    ) AS "t61"
  ) AS "t69"
  WHERE
    "t69"."cutoff" IS NOT NULL AND "t69"."modality" IN ('allo_hsct', 'auto_hsct')
), "t119" AS (
  SELECT
    "t114"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t114"."n_fell"
        ) THEN 0 ELSE "t114"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t114"."p_fell"
        ) THEN 0 ELSE "t114"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t114"."n_fell"
        ) THEN 0 ELSE "t114"."n_day" END,
        CASE WHEN NOT (
          "t114"."p_fell"
        ) THEN 0 ELSE "t114"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t114"."n_fell"
    ) THEN 0 ELSE "t114"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t114"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t113"."patient_id",
      "t113"."n_day",
      "t113"."n_fell",
      "t113"."p_day",
      "t113"."p_fell"
    FROM (
      SELECT
        "t96"."patient_id",
        "t96"."n_day",
        "t96"."n_fell",
        "t110"."patient_id" AS "patient_id_right",
        "t110"."p_day",
        "t110"."p_fell"
      FROM (
        SELECT
          "t88"."patient_id",
          "t88"."n_day",
          "t88"."n_fell"
        FROM (
          SELECT
            "t68"."patient_id",
            "t81"."patient_id" AS "patient_id_right",
            "t81"."n_day",
            "t81"."n_fell"
          FROM (
            SELECT
              "t61"."patient_id"
            FROM (
              SELECT
                "t58"."patient_id",
                "t58"."arm",
                "t58"."modality",
                "t58"."graft_source",
                "t58"."second_infusion_day",
                "t58"."treatment_start_day",
                "t58"."weight_kg",
                "t58"."randomisation_day",
                "t58"."death_day",
                "t58"."death_cause",
                "t58"."censor_day",
                "t58"."relapse_recorded_day",
                "t58"."last_lab_day"
              FROM (
                SELECT
                  "t53"."patient_id",
                  "t53"."arm",
                  "t53"."modality",
                  "t53"."graft_source",
                  "t53"."second_infusion_day",
                  "t53"."treatment_start_day",
                  "t53"."weight_kg",
                  "t53"."randomisation_day",
                  "t53"."death_day",
                  "t53"."death_cause",
                  "t53"."censor_day",
                  "t53"."relapse_recorded_day",
                  "t16"."patient_id" AS "patient_id_right",
                  "t16"."last_lab_day"
                FROM (
                  SELECT
                    "t50"."patient_id",
                    "t50"."arm",
                    "t50"."modality",
                    "t50"."graft_source",
                    "t50"."second_infusion_day",
                    "t50"."treatment_start_day",
                    "t50"."weight_kg",
                    "t50"."randomisation_day",
                    "t50"."death_day",
                    "t50"."death_cause",
                    "t50"."censor_day",
                    "t50"."relapse_recorded_day"
                  FROM (
                    SELECT
                      "t45"."patient_id",
                      "t45"."arm",
                      "t45"."modality",
                      "t45"."graft_source",
                      "t45"."second_infusion_day",
                      "t45"."treatment_start_day",
                      "t45"."weight_kg",
                      "t45"."randomisation_day",
                      "t45"."death_day",
                      "t45"."death_cause",
                      "t45"."censor_day",
                      "t30"."patient_id" AS "patient_id_right",
                      "t30"."relapse_recorded_day"
                    FROM (
                      SELECT
                        "t41"."patient_id",
                        "t41"."arm",
                        "t41"."modality",
                        "t41"."graft_source",
                        "t41"."second_infusion_day",
                        "t41"."treatment_start_day",
                        "t41"."weight_kg",
                        "t41"."randomisation_day",
                        "t41"."death_day",
                        "t41"."death_cause",
                        "t41"."censor_day"
                      FROM (
                        SELECT
                          "t36"."patient_id",
                          "t36"."arm",
                          "t36"."modality",
                          "t36"."graft_source",
                          "t36"."second_infusion_day",
                          "t36"."treatment_start_day",
                          "t36"."weight_kg",
                          "t36"."randomisation_day",
                          "t27"."patient_id" AS "patient_id_right",
                          "t27"."death_day",
                          "t27"."death_cause",
                          "t27"."censor_day"
                        FROM (
                          SELECT
                            "t32"."patient_id",
                            "t32"."arm",
                            "t32"."modality",
                            "t32"."graft_source",
                            "t32"."second_infusion_day",
                            "t32"."treatment_start_day",
                            "t32"."weight_kg",
                            "t32"."randomisation_day"
                          FROM (
                            SELECT
                              "t19"."patient_id",
                              "t19"."arm",
                              "t19"."modality",
                              "t19"."graft_source",
                              "t19"."second_infusion_day",
                              "t19"."treatment_start_day",
                              "t20"."patient_id" AS "patient_id_right",
                              "t20"."weight_kg",
                              "t20"."randomisation_day"
                            FROM (
                              SELECT
                                "t4"."patient_id",
                                COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                "t4"."modality",
                                "t4"."graft_source",
                                CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                CAST("t4"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                              FROM "treatments" AS "t4"
                            ) AS "t19"
                            LEFT OUTER JOIN (
                              SELECT
                                "t5"."patient_id",
                                "t5"."weight_kg",
                                CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                              FROM "patients" AS "t5"
                            ) AS "t20"
                              ON "t19"."patient_id" = "t20"."patient_id"
                          ) AS "t32"
                        ) AS "t36"
                        LEFT OUTER JOIN (
                          SELECT
                            "t3"."patient_id",
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END AS "death_day",
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN "t3"."cause"
                              ELSE CAST(NULL AS VARCHAR)
                            END AS "death_cause",
                            GREATEST(
                              "t3"."last_contact_day",
                              COALESCE(
                                CASE
                                  WHEN "t3"."vital_status" = 'dead'
                                  THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END,
                                "t3"."last_contact_day"
                              )
                            ) AS "censor_day"
                          FROM "followup" AS "t3"
                        ) AS "t27"
                          ON "t36"."patient_id" = "t27"."patient_id"
                      ) AS "t41"
                    ) AS "t45"
                    LEFT OUTER JOIN (
                      SELECT
                        "t10"."patient_id",
                        CAST(MIN("t10"."day") AS BIGINT) AS "relapse_recorded_day"
                      FROM (
                        SELECT
                          *
                        FROM "disease_assessments" AS "t1"
                        WHERE
                          "t1"."status" IN ('relapse', 'progression') AND "t1"."day" > 0
                      ) AS "t10"
                      GROUP BY
                        1
                    ) AS "t30"
                      ON "t45"."patient_id" = "t30"."patient_id"
                  ) AS "t50"
                ) AS "t53"
                LEFT OUTER JOIN (
                  SELECT
                    "t0"."patient_id",
                    MAX("t0"."day") AS "last_lab_day"
                  FROM "labs" AS "t0"
                  GROUP BY
                    1
                ) AS "t16"
                  ON "t53"."patient_id" = "t16"."patient_id"
              ) AS "t58"
            ) AS "t61"
          ) AS "t68"
          LEFT OUTER JOIN (
            SELECT
              "t71"."patient_id",
              "t71"."day" AS "n_day",
              "t71"."applicable" AS "n_fell"
            FROM "t70" AS "t71"
          ) AS "t81"
            ON "t68"."patient_id" = "t81"."patient_id"
        ) AS "t88"
      ) AS "t96"
      LEFT OUTER JOIN (
        SELECT
          "t107"."patient_id",
          "t107"."day" AS "p_day",
          COALESCE("t107"."platelet_engraftment_fell", FALSE)
          OR (
            "t107"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t104"."patient_id",
            "t104"."platelet_engraftment_fell",
            "t104"."platelet50_engraftment_fell",
            "t104"."first_transfusion_day",
            "t104"."day"
          FROM (
            SELECT
              "t97"."patient_id",
              "t97"."platelet_engraftment_fell",
              "t97"."platelet50_engraftment_fell",
              "t97"."first_transfusion_day",
              "t101"."patient_id" AS "patient_id_right",
              "t101"."day"
            FROM (
              SELECT
                "t93"."patient_id",
                "t93"."platelet_engraftment_fell",
                "t93"."platelet50_engraftment_fell",
                "t93"."first_transfusion_day"
              FROM (
                SELECT
                  "t85"."patient_id",
                  "t85"."platelet_engraftment_fell",
                  "t85"."platelet50_engraftment_fell",
                  "t31"."patient_id" AS "patient_id_right",
                  "t31"."first_transfusion_day"
                FROM (
                  SELECT
                    "t75"."patient_id",
                    "t75"."platelet_engraftment_fell",
                    "t75"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t67"."patient_id",
                      "t60"."patient_id" AS "patient_id_right",
                      "t60"."platelet_engraftment_fell",
                      "t60"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t57"."patient_id"
                        FROM "t56" AS "t57"
                      ) AS "t63"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t26"."patient_id"
                        FROM "t23" AS "t26"
                      ) AS "t34"
                    ) AS "t67"
                    LEFT OUTER JOIN "t56" AS "t60"
                      ON "t67"."patient_id" = "t60"."patient_id"
                  ) AS "t75"
                ) AS "t85"
                LEFT OUTER JOIN "t23" AS "t31"
                  ON "t85"."patient_id" = "t31"."patient_id"
              ) AS "t93"
            ) AS "t97"
            LEFT OUTER JOIN (
              SELECT
                "t89"."patient_id",
                CAST(MIN("t89"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t79"."patient_id",
                  "t79"."day",
                  "t79"."failed_before",
                  "t79"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t62"."patient_id",
                      "t62"."day",
                      "t62"."failed_before",
                      "t62"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t55"."patient_id",
                        "t55"."day",
                        "t55"."failed_before",
                        "t31"."patient_id" AS "patient_id_right",
                        "t31"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t51"."patient_id",
                          "t51"."day",
                          "t51"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t49" AS "t51"
                        WHERE
                          "t51"."platelet_engraftment_run_start"
                      ) AS "t55"
                      LEFT OUTER JOIN "t23" AS "t31"
                        ON "t55"."patient_id" = "t31"."patient_id"
                    ) AS "t62"
                  ) AS "t64"
                  WHERE
                    "t64"."failed_before"
                    OR COALESCE("t64"."first_transfusion_day" < "t64"."day", FALSE)
                ) AS "t79"
                WHERE
                  NOT EXISTS(
                    SELECT
                      1
                    FROM "t12" AS "t22"
                    WHERE
                      "t79"."patient_id" = "t22"."patient_id"
                      AND "t22"."day" <= "t79"."day"
                      AND "t22"."day" > (
                        "t79"."day" - 7
                      )
                  )
              ) AS "t89"
              GROUP BY
                1
            ) AS "t101"
              ON "t97"."patient_id" = "t101"."patient_id"
          ) AS "t104"
        ) AS "t107"
      ) AS "t110"
        ON "t96"."patient_id" = "t110"."patient_id"
    ) AS "t113"
  ) AS "t114"
), "t138" AS (
  SELECT
    "t137"."patient_id",
    "t137"."day",
    "t137"."kind",
    BOOL_OR("t137"."relapse_day" IS NOT NULL) AS "explained"
  FROM (
    SELECT
      "t136"."patient_id",
      "t136"."day",
      "t136"."kind",
      "t17"."patient_id" AS "patient_id_right",
      "t17"."relapse_day"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t132"."patient_id",
          CAST("t132"."day" AS BIGINT) AS "day",
          'anc' AS "kind"
        FROM (
          SELECT
            "t129"."patient_id",
            "t129"."day",
            "t129"."value",
            "t129"."meets",
            "t129"."meets"
            AND COALESCE(
              LEAD("t129"."meets", 1) OVER (
                PARTITION BY "t129"."patient_id"
                ORDER BY "t129"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND COALESCE(
              LEAD("t129"."meets", 2) OVER (
                PARTITION BY "t129"."patient_id"
                ORDER BY "t129"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND (
              TRUE
              AND (
                LEAD("t129"."day", 1) OVER (
                  PARTITION BY "t129"."patient_id"
                  ORDER BY "t129"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
              AND (
                LEAD("t129"."day", 2) OVER (
                  PARTITION BY "t129"."patient_id"
                  ORDER BY "t129"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
            ) AS "run_start",
            SUM(CASE WHEN "t129"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t129"."patient_id"
              ORDER BY "t129"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t127"."patient_id",
              "t127"."day",
              "t127"."value",
              "t127"."value" < 0.5 AS "meets"
            FROM (
              SELECT
                "t48"."patient_id",
                "t48"."day",
                "t48"."value",
                "t126"."recovered_day"
              FROM (
                SELECT
                  *
                FROM "t42" AS "t44"
                WHERE
                  "t44"."value" IS NOT NULL
              ) AS "t48"
              INNER JOIN (
                SELECT
                  "t120"."patient_id",
                  "t120"."recovered_day"
                FROM "t119" AS "t120"
                WHERE
                  "t120"."recovered_day" IS NOT NULL
              ) AS "t126"
                ON "t48"."patient_id" = "t126"."patient_id"
            ) AS "t127"
            WHERE
              "t127"."day" > "t127"."recovered_day"
          ) AS "t129"
        ) AS "t132"
        WHERE
          "t132"."run_start"
      ) AS "t134"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t131"."patient_id",
          "t131"."day",
          'platelet_transfusions' AS "kind"
        FROM (
          SELECT
            "t130"."patient_id",
            "t130"."day",
            LEAD("t130"."day", 1) OVER (
              PARTITION BY "t130"."patient_id"
              ORDER BY "t130"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "kth"
          FROM (
            SELECT DISTINCT
              "t128"."patient_id",
              CAST("t128"."day" AS BIGINT) AS "day"
            FROM (
              SELECT
                "t21"."patient_id",
                "t21"."day",
                "t126"."recovered_day"
              FROM "t12" AS "t21"
              INNER JOIN (
                SELECT
                  "t120"."patient_id",
                  "t120"."recovered_day"
                FROM "t119" AS "t120"
                WHERE
                  "t120"."recovered_day" IS NOT NULL
              ) AS "t126"
                ON "t21"."patient_id" = "t126"."patient_id"
            ) AS "t128"
            WHERE
              "t128"."day" > "t128"."recovered_day"
          ) AS "t130"
        ) AS "t131"
        WHERE
          (
            "t131"."kth" - "t131"."day"
          ) <= 6
      ) AS "t133"
    ) AS "t136"
    LEFT OUTER JOIN (
      SELECT
        "t1"."patient_id",
        CAST("t1"."day" AS BIGINT) AS "relapse_day"
      FROM "disease_assessments" AS "t1"
      WHERE
        "t1"."status" IN ('relapse', 'progression') AND "t1"."day" > 0
    ) AS "t17"
      ON "t136"."patient_id" = "t17"."patient_id"
      AND "t17"."relapse_day" BETWEEN "t136"."day" - 14 AND "t136"."day" + 14
  ) AS "t137"
  GROUP BY
    1,
    2,
    3
)
SELECT
  "t154"."patient_id",
  CASE
    WHEN NOT (
      "t154"."modality" IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN "t154"."graft_source" = 'bm'
          THEN 30
          WHEN "t154"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t154"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN (
      (
        "t154"."applicable" IS NOT NULL
      )
      AND NOT (
        COALESCE("t154"."applicable", TRUE)
      )
    )
    OR (
      (
        "t154"."day" IS NOT NULL
      )
      AND (
        "t154"."day" <= CASE
          WHEN "t154"."graft_source" = 'bm'
          THEN 30
          WHEN "t154"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t154"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END
      )
    )
    THEN 'no'
    WHEN "t154"."applicable" IS NULL
    THEN 'not_evaluable'
    WHEN "t154"."censor_day" < CASE
      WHEN "t154"."graft_source" = 'bm'
      THEN 30
      WHEN "t154"."graft_source" = 'pbsc'
      THEN 30
      WHEN "t154"."graft_source" = 'cord'
      THEN 42
      ELSE CAST(NULL AS BIGINT)
    END
    THEN 'not_evaluable'
    WHEN NOT (
      COALESCE("t154"."anc_low_near", FALSE)
    )
    THEN 'not_evaluable'
    WHEN "t154"."platelets_low_near"
    THEN 'yes'
    WHEN "t154"."platelets_seen_near"
    THEN 'no'
    ELSE 'not_evaluable'
  END AS "primary_graft_failure",
  CASE
    WHEN NOT (
      "t154"."modality" IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN "t154"."graft_source" = 'bm'
          THEN 30
          WHEN "t154"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t154"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN NOT (
      "t154"."recovered_day" IS NOT NULL
    )
    AND (
      TRUE
      AND COALESCE("t154"."neutrophils_recovered", FALSE)
      AND NOT (
        COALESCE("t154"."platelets_known", FALSE)
      )
    )
    THEN 'not_evaluable'
    WHEN NOT (
      "t154"."recovered_day" IS NOT NULL
    )
    THEN 'not_applicable'
    WHEN "t154"."decline_day" IS NOT NULL
    THEN 'yes'
    ELSE 'no'
  END AS "secondary_graft_failure",
  CASE
    WHEN "t154"."modality" IN ('allo_hsct', 'auto_hsct')
    AND (
      CASE
        WHEN "t154"."graft_source" = 'bm'
        THEN 30
        WHEN "t154"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t154"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END IS NOT NULL
    )
    THEN "t154"."decline_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "secondary_graft_failure_day"
FROM (
  SELECT
    "t153"."patient_id",
    "t153"."arm",
    "t153"."modality",
    "t153"."graft_source",
    "t153"."second_infusion_day",
    "t153"."weight_kg",
    "t153"."death_day",
    "t153"."death_cause",
    "t153"."censor_day",
    "t153"."relapse_recorded_day",
    "t153"."relapse_day",
    "t153"."relapse_at_death",
    "t153"."origin_day",
    "t153"."day",
    "t153"."applicable",
    "t153"."cutoff",
    "t153"."anc_low_near",
    "t153"."platelets_low_near",
    "t153"."platelets_seen_near",
    "t153"."recovered_day",
    "t153"."neutrophils_recovered",
    "t153"."platelets_known",
    "t153"."decline_day",
    "t153"."decline_kind",
    "t153"."explained"
  FROM (
    SELECT
      "t125"."patient_id",
      "t125"."arm",
      "t125"."modality",
      "t125"."graft_source",
      "t125"."second_infusion_day",
      "t125"."weight_kg",
      "t125"."death_day",
      "t125"."death_cause",
      "t125"."censor_day",
      "t125"."relapse_recorded_day",
      "t125"."relapse_day",
      "t125"."relapse_at_death",
      "t125"."origin_day",
      "t125"."day",
      "t125"."applicable",
      "t125"."cutoff",
      "t125"."anc_low_near",
      "t125"."platelets_low_near",
      "t125"."platelets_seen_near",
      "t152"."patient_id" AS "patient_id_right",
      "t152"."recovered_day",
      "t152"."neutrophils_recovered",
      "t152"."platelets_known",
      "t152"."decline_day",
      "t152"."decline_kind",
      "t152"."explained"
    FROM (
      SELECT
        "t122"."patient_id",
        "t122"."arm",
        "t122"."modality",
        "t122"."graft_source",
        "t122"."second_infusion_day",
        "t122"."weight_kg",
        "t122"."death_day",
        "t122"."death_cause",
        "t122"."censor_day",
        "t122"."relapse_recorded_day",
        "t122"."relapse_day",
        "t122"."relapse_at_death",
        "t122"."origin_day",
        "t122"."day",
        "t122"."applicable",
        "t122"."cutoff",
        "t122"."anc_low_near",
        "t122"."platelets_low_near",
        "t122"."platelets_seen_near"
      FROM (
        SELECT
          "t92"."patient_id",
          "t92"."arm",
          "t92"."modality",
          "t92"."graft_source",
          "t92"."second_infusion_day",
          "t92"."weight_kg",
          "t92"."death_day",
          "t92"."death_cause",
          "t92"."censor_day",
          "t92"."relapse_recorded_day",
          "t92"."relapse_day",
          "t92"."relapse_at_death",
          "t92"."origin_day",
          "t92"."day",
          "t92"."applicable",
          "t118"."patient_id" AS "patient_id_right",
          "t118"."cutoff",
          "t118"."anc_low_near",
          "t118"."platelets_low_near",
          "t118"."platelets_seen_near"
        FROM (
          SELECT
            "t86"."patient_id",
            "t86"."arm",
            "t86"."modality",
            "t86"."graft_source",
            "t86"."second_infusion_day",
            "t86"."weight_kg",
            "t86"."death_day",
            "t86"."death_cause",
            "t86"."censor_day",
            "t86"."relapse_recorded_day",
            "t86"."relapse_day",
            "t86"."relapse_at_death",
            "t86"."origin_day",
            "t86"."day",
            "t86"."applicable"
          FROM (
            SELECT
              "t77"."patient_id",
              "t77"."arm",
              "t77"."modality",
              "t77"."graft_source",
              "t77"."second_infusion_day",
              "t77"."weight_kg",
              "t77"."death_day",
              "t77"."death_cause",
              "t77"."censor_day",
              "t77"."relapse_recorded_day",
              "t77"."relapse_day",
              "t77"."relapse_at_death",
              "t77"."origin_day",
              "t73"."patient_id" AS "patient_id_right",
              "t73"."day",
              "t73"."applicable"
            FROM (
              SELECT
                "t61"."patient_id",
                "t61"."arm",
                "t61"."modality",
                "t61"."graft_source",
                "t61"."second_infusion_day",
                "t61"."weight_kg",
                "t61"."death_day",
                "t61"."death_cause",
                COALESCE("t61"."censor_day", CAST("t61"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                "t61"."relapse_recorded_day",
                CASE
                  WHEN (
                    "t61"."death_day" IS NOT NULL
                  )
                  AND "t61"."death_cause" IN ('relapse', 'progression')
                  AND (
                    (
                      "t61"."relapse_recorded_day" IS NULL
                    )
                    OR (
                      "t61"."relapse_recorded_day" > "t61"."death_day"
                    )
                  )
                  THEN "t61"."death_day"
                  ELSE "t61"."relapse_recorded_day"
                END AS "relapse_day",
                COALESCE(
                  (
                    "t61"."death_day" IS NOT NULL
                  )
                  AND "t61"."death_cause" IN ('relapse', 'progression')
                  AND (
                    (
                      "t61"."relapse_recorded_day" IS NULL
                    )
                    OR (
                      "t61"."relapse_recorded_day" > "t61"."death_day"
                    )
                  ),
                  FALSE
                ) AS "relapse_at_death",
                0 AS "origin_day"
              FROM (
                SELECT
                  "t58"."patient_id",
                  "t58"."arm",
                  "t58"."modality",
                  "t58"."graft_source",
                  "t58"."second_infusion_day",
                  "t58"."treatment_start_day",
                  "t58"."weight_kg",
                  "t58"."randomisation_day",
                  "t58"."death_day",
                  "t58"."death_cause",
                  "t58"."censor_day",
                  "t58"."relapse_recorded_day",
                  "t58"."last_lab_day"
                FROM (
                  SELECT
                    "t53"."patient_id",
                    "t53"."arm",
                    "t53"."modality",
                    "t53"."graft_source",
                    "t53"."second_infusion_day",
                    "t53"."treatment_start_day",
                    "t53"."weight_kg",
                    "t53"."randomisation_day",
                    "t53"."death_day",
                    "t53"."death_cause",
                    "t53"."censor_day",
                    "t53"."relapse_recorded_day",
                    "t16"."patient_id" AS "patient_id_right",
                    "t16"."last_lab_day"
                  FROM (
                    SELECT
                      "t50"."patient_id",
                      "t50"."arm",
                      "t50"."modality",
                      "t50"."graft_source",
                      "t50"."second_infusion_day",
                      "t50"."treatment_start_day",
                      "t50"."weight_kg",
                      "t50"."randomisation_day",
                      "t50"."death_day",
                      "t50"."death_cause",
                      "t50"."censor_day",
                      "t50"."relapse_recorded_day"
                    FROM (
                      SELECT
                        "t45"."patient_id",
                        "t45"."arm",
                        "t45"."modality",
                        "t45"."graft_source",
                        "t45"."second_infusion_day",
                        "t45"."treatment_start_day",
                        "t45"."weight_kg",
                        "t45"."randomisation_day",
                        "t45"."death_day",
                        "t45"."death_cause",
                        "t45"."censor_day",
                        "t30"."patient_id" AS "patient_id_right",
                        "t30"."relapse_recorded_day"
                      FROM (
                        SELECT
                          "t41"."patient_id",
                          "t41"."arm",
                          "t41"."modality",
                          "t41"."graft_source",
                          "t41"."second_infusion_day",
                          "t41"."treatment_start_day",
                          "t41"."weight_kg",
                          "t41"."randomisation_day",
                          "t41"."death_day",
                          "t41"."death_cause",
                          "t41"."censor_day"
                        FROM (
                          SELECT
                            "t36"."patient_id",
                            "t36"."arm",
                            "t36"."modality",
                            "t36"."graft_source",
                            "t36"."second_infusion_day",
                            "t36"."treatment_start_day",
                            "t36"."weight_kg",
                            "t36"."randomisation_day",
                            "t27"."patient_id" AS "patient_id_right",
                            "t27"."death_day",
                            "t27"."death_cause",
                            "t27"."censor_day"
                          FROM (
                            SELECT
                              "t32"."patient_id",
                              "t32"."arm",
                              "t32"."modality",
                              "t32"."graft_source",
                              "t32"."second_infusion_day",
                              "t32"."treatment_start_day",
                              "t32"."weight_kg",
                              "t32"."randomisation_day"
                            FROM (
                              SELECT
                                "t19"."patient_id",
                                "t19"."arm",
                                "t19"."modality",
                                "t19"."graft_source",
                                "t19"."second_infusion_day",
                                "t19"."treatment_start_day",
                                "t20"."patient_id" AS "patient_id_right",
                                "t20"."weight_kg",
                                "t20"."randomisation_day"
                              FROM (
                                SELECT
                                  "t4"."patient_id",
                                  COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                  "t4"."modality",
                                  "t4"."graft_source",
                                  CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                  CAST("t4"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                                FROM "treatments" AS "t4"
                              ) AS "t19"
                              LEFT OUTER JOIN (
                                SELECT
                                  "t5"."patient_id",
                                  "t5"."weight_kg",
                                  CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                                FROM "patients" AS "t5"
                              ) AS "t20"
                                ON "t19"."patient_id" = "t20"."patient_id"
                            ) AS "t32"
                          ) AS "t36"
                          LEFT OUTER JOIN (
                            SELECT
                              "t3"."patient_id",
                              CASE
                                WHEN "t3"."vital_status" = 'dead'
                                THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                ELSE CAST(NULL AS BIGINT)
                              END AS "death_day",
                              CASE
                                WHEN "t3"."vital_status" = 'dead'
                                THEN "t3"."cause"
                                ELSE CAST(NULL AS VARCHAR)
                              END AS "death_cause",
                              GREATEST(
                                "t3"."last_contact_day",
                                COALESCE(
                                  CASE
                                    WHEN "t3"."vital_status" = 'dead'
                                    THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                    ELSE CAST(NULL AS BIGINT)
                                  END,
                                  "t3"."last_contact_day"
                                )
                              ) AS "censor_day"
                            FROM "followup" AS "t3"
                          ) AS "t27"
                            ON "t36"."patient_id" = "t27"."patient_id"
                        ) AS "t41"
                      ) AS "t45"
                      LEFT OUTER JOIN (
                        SELECT
                          "t10"."patient_id",
                          CAST(MIN("t10"."day") AS BIGINT) AS "relapse_recorded_day"
                        FROM (
                          SELECT
                            *
                          FROM "disease_assessments" AS "t1"
                          WHERE
                            "t1"."status" IN ('relapse', 'progression') AND "t1"."day" > 0
                        ) AS "t10"
                        GROUP BY
                          1
                      ) AS "t30"
                        ON "t45"."patient_id" = "t30"."patient_id"
                    ) AS "t50"
                  ) AS "t53"
                  LEFT OUTER JOIN (
                    SELECT
                      "t0"."patient_id",
                      MAX("t0"."day") AS "last_lab_day"
                    FROM "labs" AS "t0"
                    GROUP BY
                      1
                  ) AS "t16"
                    ON "t53"."patient_id" = "t16"."patient_id"
                ) AS "t58"
              ) AS "t61"
            ) AS "t77"
            LEFT OUTER JOIN "t70" AS "t73"
              ON "t77"."patient_id" = "t73"."patient_id"
          ) AS "t86"
        ) AS "t92"
        LEFT OUTER JOIN (
          SELECT
            "t116"."patient_id",
            "t116"."cutoff",
            COALESCE("t116"."anc_low_near", FALSE) AS "anc_low_near",
            COALESCE("t116"."platelets_low_near", FALSE) AS "platelets_low_near",
            COALESCE("t116"."platelets_seen_near", FALSE) AS "platelets_seen_near"
          FROM (
            SELECT
              "t115"."patient_id",
              "t115"."cutoff",
              "t115"."anc_low_near",
              "t115"."platelets_low_near",
              "t115"."platelets_seen_near"
            FROM (
              SELECT
                "t112"."patient_id",
                "t112"."cutoff",
                "t112"."anc_low_near",
                "t105"."patient_id" AS "patient_id_right",
                "t105"."platelets_low_near",
                "t105"."platelets_seen_near"
              FROM (
                SELECT
                  "t108"."patient_id",
                  "t108"."cutoff",
                  "t108"."anc_low_near"
                FROM (
                  SELECT
                    "t83"."patient_id",
                    "t83"."cutoff",
                    "t106"."patient_id" AS "patient_id_right",
                    "t106"."anc_low_near"
                  FROM "t76" AS "t83"
                  LEFT OUTER JOIN (
                    SELECT
                      "t100"."patient_id",
                      BOOL_OR("t100"."value" < 0.5) AS "anc_low_near"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t48"."patient_id",
                          "t48"."day",
                          "t48"."value",
                          "t84"."cutoff"
                        FROM (
                          SELECT
                            *
                          FROM "t42" AS "t44"
                          WHERE
                            "t44"."value" IS NOT NULL
                        ) AS "t48"
                        INNER JOIN "t76" AS "t84"
                          ON "t48"."patient_id" = "t84"."patient_id"
                      ) AS "t91"
                      WHERE
                        "t91"."day" BETWEEN "t91"."cutoff" - 7 AND "t91"."cutoff"
                    ) AS "t100"
                    GROUP BY
                      1
                  ) AS "t106"
                    ON "t83"."patient_id" = "t106"."patient_id"
                ) AS "t108"
              ) AS "t112"
              LEFT OUTER JOIN (
                SELECT
                  "t99"."patient_id",
                  BOOL_OR("t99"."low") AS "platelets_low_near",
                  COUNT("t99"."day") > 0 AS "platelets_seen_near"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t40"."patient_id",
                      "t40"."day",
                      "t40"."low",
                      "t84"."cutoff"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t33"."patient_id",
                          CAST("t33"."day" AS BIGINT) AS "day",
                          "t33"."value" < 20.0 AS "low"
                        FROM "t29" AS "t33"
                      ) AS "t37"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t2"."patient_id",
                          CAST("t2"."day" AS BIGINT) AS "day",
                          TRUE AS "low"
                        FROM "transfusions" AS "t2"
                        WHERE
                          "t2"."product" = 'platelets'
                      ) AS "t11"
                    ) AS "t40"
                    INNER JOIN "t76" AS "t84"
                      ON "t40"."patient_id" = "t84"."patient_id"
                  ) AS "t90"
                  WHERE
                    "t90"."day" BETWEEN "t90"."cutoff" - 7 AND "t90"."cutoff" + 7
                ) AS "t99"
                GROUP BY
                  1
              ) AS "t105"
                ON "t112"."patient_id" = "t105"."patient_id"
            ) AS "t115"
          ) AS "t116"
        ) AS "t118"
          ON "t92"."patient_id" = "t118"."patient_id"
      ) AS "t122"
    ) AS "t125"
    LEFT OUTER JOIN (
      SELECT
        "t150"."patient_id",
        "t150"."recovered_day",
        "t150"."neutrophils_recovered",
        "t150"."platelets_known",
        "t150"."decline_day",
        "t150"."decline_kind",
        COALESCE("t150"."explained", FALSE) AS "explained"
      FROM (
        SELECT
          "t149"."patient_id",
          "t149"."recovered_day",
          "t149"."neutrophils_recovered",
          "t149"."platelets_known",
          "t149"."decline_day",
          "t149"."decline_kind",
          "t149"."explained"
        FROM (
          SELECT
            "t148"."patient_id",
            "t148"."recovered_day",
            "t148"."neutrophils_recovered",
            "t148"."platelets_known",
            "t148"."decline_day",
            "t148"."decline_kind",
            "t142"."patient_id" AS "patient_id_right",
            "t142"."explained"
          FROM (
            SELECT
              "t146"."patient_id",
              "t146"."recovered_day",
              "t146"."neutrophils_recovered",
              "t146"."platelets_known",
              "t146"."decline_day",
              "t146"."decline_kind"
            FROM (
              SELECT
                "t121"."patient_id",
                "t121"."recovered_day",
                "t121"."neutrophils_recovered",
                "t121"."platelets_known",
                "t145"."patient_id" AS "patient_id_right",
                "t145"."decline_day",
                "t145"."decline_kind"
              FROM "t119" AS "t121"
              LEFT OUTER JOIN (
                SELECT
                  "t143"."patient_id",
                  "t143"."day" AS "decline_day",
                  "t143"."kind" AS "decline_kind"
                FROM (
                  SELECT
                    "t141"."patient_id",
                    "t141"."day",
                    "t141"."kind",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t141"."patient_id"
                      ORDER BY "t141"."day" ASC, "t141"."kind" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "rank"
                  FROM (
                    SELECT
                      "t139"."patient_id",
                      "t139"."day",
                      "t139"."kind"
                    FROM "t138" AS "t139"
                    WHERE
                      NOT (
                        "t139"."explained"
                      )
                  ) AS "t141"
                ) AS "t143"
                WHERE
                  "t143"."rank" = 0
              ) AS "t145"
                ON "t121"."patient_id" = "t145"."patient_id"
            ) AS "t146"
          ) AS "t148"
          LEFT OUTER JOIN (
            SELECT
              "t139"."patient_id",
              BOOL_OR("t139"."explained") AS "explained"
            FROM "t138" AS "t139"
            GROUP BY
              1
          ) AS "t142"
            ON "t148"."patient_id" = "t142"."patient_id"
        ) AS "t149"
      ) AS "t150"
    ) AS "t152"
      ON "t125"."patient_id" = "t152"."patient_id"
  ) AS "t153"
) AS "t154"
